import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';
import type { Json, OpenApiDocument } from './build-openapi-document';

const DOCUMENT_ID = 'https://api.billingos.dev/v1/openapi.json';

/** The JSON Schema validator of a document's responses, keyed by operation and status (ajv, 2020-12, independent of zod). */
export class ResponseContract {
  readonly #document: OpenApiDocument;
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction | null>();

  constructor(document: OpenApiDocument) {
    this.#document = document;
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /**
   * Why `body` breaks the contract of `method path` answering `status`, or `null` when it keeps it.
   * `path` is the route's template (`/v1/customers/:id`), undefined when no route matched (a 404).
   */
  violation(method: string, path: string | undefined, status: number, body: unknown): string | null {
    const validate = this.#validator(method.toLowerCase(), path === undefined ? undefined : path.replace(/:(\w+)/g, '{$1}'), status);
    if (validate === null) return `${method} ${path ?? '(no route)'} answered ${status}, which the document does not declare for it.`;
    if (validate(body)) return null;
    return `${method} ${path ?? '(no route)'} answered ${status} with a body its schema refuses: ${this.#ajv.errorsText(validate.errors, { separator: '; ' })}.`;
  }

  #validator(method: string, path: string | undefined, status: number): ValidateFunction | null {
    const key = `${method} ${path} ${status}`;
    if (!this.#validators.has(key)) {
      const pointer = this.#schemaPointer(method, path, status);
      this.#validators.set(key, pointer === null ? null : this.#ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` }));
    }
    return this.#validators.get(key)!;
  }

  #schemaPointer(method: string, path: string | undefined, status: number): string | null {
    const errorSchema = '/components/responses/Error/content/application~1json/schema';
    if (path === undefined) return status >= 400 ? errorSchema : null;
    const responses = this.#document.paths[path]?.[method]?.responses as Record<string, Json> | undefined;
    if (!responses) return null;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => responses[candidate] !== undefined);
    if (key === undefined) return null;
    const response = responses[key]!;
    if (response.$ref === '#/components/responses/Error') return errorSchema;
    const content = response.content as Record<string, unknown> | undefined;
    if (!content?.['application/json']) return null;
    return `/paths/${escape(path)}/${method}/responses/${key}/content/application~1json/schema`;
  }
}

/**
 * Express middleware that checks every JSON response against the document before it leaves; a
 * response that breaks the contract becomes a 500 `contract_violation` naming what broke (and is
 * logged), so every suite talking to a test server is also a contract test.
 */
export function checkResponses(contract: () => ResponseContract) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      const problem = contract().violation(request.method, routeOf(request), response.statusCode, body);
      if (problem === null) return json(body);
      console.error(`BillingOS API contract violation: ${problem}`);
      const requestId = String(response.getHeader('Request-Id') ?? '');
      return json.call(response.status(500), { error: { type: 'api_error', code: 'contract_violation', message: problem, requestId } });
    };
    next();
  };
}

function routeOf(request: Request): string | undefined {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : undefined;
}

function escape(path: string): string {
  return path.replace(/~/g, '~0').replace(/\//g, '~1');
}
