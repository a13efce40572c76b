import { Module } from '@nestjs/common';
import { DeliveryLog } from './delivery-log';
import { WebhookDeliverer } from './webhook-deliverer';

/** Delivers the outbox to the endpoints (events and their deliveries are written by the core `EventOutbox`). */
@Module({ providers: [DeliveryLog, WebhookDeliverer] })
export class WebhooksModule {}
