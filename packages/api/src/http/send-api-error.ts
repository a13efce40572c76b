import type { Request, Response } from 'express';
import type { ApiError } from '../errors/api-error';
import { requestIdOf } from './request-id';

/** Answers with the error envelope from plain Express middleware, which runs before Nest's filters can. */
export function sendApiError(request: Request, response: Response, error: ApiError): void {
  response.status(error.status).set(error.headers).json(error.toBody(requestIdOf(request, response)));
}
