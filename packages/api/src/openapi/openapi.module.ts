import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OpenApiController } from './openapi.controller';
import { OpenApiDocumentProvider } from './openapi-document.provider';

/** `GET /v1/openapi.json`, built from the `@ApiOperation` of every controller. */
@Module({
  imports: [DiscoveryModule],
  controllers: [OpenApiController],
  providers: [OpenApiDocumentProvider],
  exports: [OpenApiDocumentProvider],
})
export class OpenApiModule {}
