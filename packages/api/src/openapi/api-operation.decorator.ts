import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const API_OPERATION_KEY = 'billingos:api-operation';

/** What the API reference says about one route; the schemas are the ones the route validates with. */
export interface ApiOperationSpec {
  /** One line, shown in the reference's list of operations. */
  summary: string;
  description?: string;
  /** The JSON body, as `ZodValidationPipe` reads it. */
  body?: z.ZodType;
  /** The query string, as `ZodValidationPipe(…, 'query')` reads it (an object schema). */
  query?: z.ZodType;
  /** The JSON answered on success; a schema with a `meta({ id })` becomes a named component. */
  response?: z.ZodType;
  /** Server-Sent Events instead of JSON: each `data:` line carries one of these. */
  events?: z.ZodType;
  /** An HTML page for people instead of JSON (its unguessable path, or nothing, authorises it). */
  html?: true;
  /** For a route that lives in another module's controller than its path's: the id its resource's controller would give it. */
  operationId?: string;
}

/**
 * Declares a route's contract for `GET /v1/openapi.json`. Path parameters come from the route
 * path, the status from `@HttpCode` (else 201 for POST, 200 otherwise), security from `@Allow`.
 *
 * @example
 * @Get(':id')
 * @ApiOperation({ summary: 'Retrieve a customer', response: customerSchema })
 * get(@Param('id') id: string) {}
 */
export const ApiOperation = (spec: ApiOperationSpec) => SetMetadata(API_OPERATION_KEY, spec);
