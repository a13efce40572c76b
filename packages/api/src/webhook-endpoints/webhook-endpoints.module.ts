import { Module } from '@nestjs/common';
import { EnvWebhookEndpoint } from './env-webhook-endpoint';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Where a merchant's events go: endpoints per mode, their secrets and rotation, their delivery attempts. */
@Module({
  controllers: [WebhookEndpointsController],
  providers: [WebhookEndpointsRepository, EnvWebhookEndpoint],
  exports: [WebhookEndpointsRepository],
})
export class WebhookEndpointsModule {}
