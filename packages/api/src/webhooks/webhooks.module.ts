import { Module } from '@nestjs/common';
import { DeliveryLog } from './delivery-log';
import { DeliveryQueue } from './delivery-queue';
import { WebhookDeliverer } from './webhook-deliverer';

/** Delivers the outbox to the endpoints (events and their deliveries are written by the core `EventOutbox`). */
@Module({ providers: [DeliveryQueue, DeliveryLog, WebhookDeliverer] })
export class WebhooksModule {}
