import { Catch, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';
import { toApiError } from './to-api-error';

/** Every error, including unknown routes and crashes, leaves as the one JSON envelope with the request id. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  readonly #logger = new Logger('BillingOS');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const error = toApiError(exception);
    const requestId = requestIdOf(request, response);
    if (error.status >= 500) this.#logger.error(`${requestId} ${request.method} ${request.path}`, (exception as Error)?.stack);
    if (response.headersSent) return;
    response.status(error.status).set(error.headers).json(error.toBody(requestId));
  }
}
