import { Module } from '@nestjs/common';
import { WebhookDeliverer } from './webhook-deliverer';

/** Delivers the outbox (events are recorded by the repositories through the core `EventOutbox`). */
@Module({ providers: [WebhookDeliverer] })
export class WebhooksModule {}
