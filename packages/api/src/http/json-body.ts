import type { NextFunction, Request, Response } from 'express';
import { invalidRequest } from '../errors/errors';
import { ApiError } from '../errors/api-error';
import { parseFormBody, takesForm } from './form-body';
import { jsonShapeProblem, MAX_JSON_DEPTH } from './json-shape';
import { sendApiError } from './send-api-error';

/** Bodies above this many bytes are refused before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads and parses JSON bodies itself (Nest's parser is off) so that a wrong content type,
 * malformed JSON or an oversized body answer the 400 envelope and say what to send instead.
 * The forms of our own HTML pages (`takesForm`) post `application/x-www-form-urlencoded`
 * instead, under the same size limit; no other route takes a form.
 */
export function jsonBody(request: Request, response: Response, next: NextFunction): void {
  readBody(request).then(
    (raw) => {
      const parsed = takesForm(request) && raw.length > 0 ? parseFormBody(request, raw) : parseBody(request, raw);
      if (isApiError(parsed)) return sendApiError(request, response, parsed);
      request.body = parsed;
      next();
    },
    (error: unknown) => (isApiError(error) ? sendApiError(request, response, error) : next(error)),
  );
}

function readBody(request: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        reject(invalidRequest('body_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes. Send a smaller JSON object.`));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseBody(request: Request, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    return invalidRequest(
      'unsupported_content_type',
      `The body was sent as "${contentType || 'no content type'}". Send a JSON object with the header Content-Type: application/json.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return invalidRequest('invalid_json', 'The body is not valid JSON. Send a JSON object with Content-Type: application/json.');
  }
  const problem = jsonShapeProblem(parsed);
  if (problem?.kind === 'too_deep') return invalidRequest('invalid_body', `The body nests deeper than ${MAX_JSON_DEPTH} levels. Send the flat JSON object the endpoint documents.`);
  if (problem?.kind === 'nul') {
    return invalidRequest('parameter_invalid', `"${problem.path}" contains the NUL character (U+0000), which BillingOS cannot store. Remove it.`, problem.field);
  }
  return parsed;
}

function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
