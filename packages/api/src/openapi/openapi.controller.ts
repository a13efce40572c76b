import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';
import { Public } from '../auth/allow.decorator';
import { ApiOperation } from './api-operation.decorator';
import { OpenApiDocumentProvider } from './openapi-document.provider';

const openApiSchema = z.looseObject({ openapi: z.literal('3.1.0') }).meta({ description: 'An OpenAPI 3.1 document.' });

/** `GET /v1/openapi.json`: the API's contract, public like `/health` (it holds no data). */
@Controller('v1/openapi.json')
export class OpenApiController {
  readonly #document: OpenApiDocumentProvider;

  constructor(@Inject(OpenApiDocumentProvider) document: OpenApiDocumentProvider) {
    this.#document = document;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'This document: the OpenAPI 3.1 description of the API', response: openApiSchema })
  get() {
    return this.#document.document;
  }
}
