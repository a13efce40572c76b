import { Controller, HttpCode, Inject, Post, Req, type Type } from '@nestjs/common';
import { type WebhookReceipt, WebhookReceiver } from './webhook-receiver';

/** A controller class per module instance, so each `forRoot()` chooses its own path. */
export function createWebhookController(path: string): Type<unknown> {
  @Controller(path)
  class BillingOSWebhookController {
    readonly #receiver: WebhookReceiver;

    constructor(@Inject(WebhookReceiver) receiver: WebhookReceiver) {
      this.#receiver = receiver;
    }

    @Post()
    @HttpCode(200)
    receive(@Req() request: unknown): Promise<WebhookReceipt> {
      return this.#receiver.receive(request);
    }
  }
  return BillingOSWebhookController;
}
