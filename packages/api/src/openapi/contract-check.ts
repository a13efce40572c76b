import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';
import type { Json, OpenApiDocument } from './build-openapi-document';

const SCHEMA_BASE = 'https://api.billingos.dev/v1/openapi.json/components/schemas/';

/** The JSON Schema validator of a document's responses, keyed by operation and status (ajv, 2020-12, independent of zod). */
export class ResponseContract {
  readonly #document: OpenApiDocument;
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction | null>();

  constructor(document: OpenApiDocument) {
    this.#document = document;
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.#ajv);
    // Each component on its own, so a validator compiles only the schemas its response reaches.
    for (const [id, schema] of Object.entries(document.components.schemas)) this.#ajv.addSchema({ ...(absolute(schema) as Json), $id: `${SCHEMA_BASE}${id}` });
  }

  /**
   * Why `body` breaks the contract of `method path` answering `status`, or `null` when it keeps it.
   * `path` is the route's template (`/v1/customers/:id`), undefined when no route matched (a 404).
   */
  violation(method: string, path: string | undefined, status: number, body: unknown): string | null {
    // Express answers HEAD with the GET route (and sends no body): its contract is GET's.
    if (method === 'HEAD') return null;
    const validate = this.#validator(method.toLowerCase(), path === undefined ? undefined : path.replace(/:(\w+)/g, '{$1}'), status);
    if (validate === null) return `${method} ${path ?? '(no route)'} answered ${status}, which the document does not declare for it.`;
    if (validate(body)) return null;
    return `${method} ${path ?? '(no route)'} answered ${status} with a body its schema refuses: ${this.#ajv.errorsText(validate.errors, { separator: '; ' })}.`;
  }

  /** Why one Server-Sent Event's `data` breaks the `x-item-schema` of `GET path`, or `null`. */
  eventViolation(path: string, data: unknown): string | null {
    const key = `events ${path}`;
    if (!this.#validators.has(key)) {
      const content = (this.#document.paths[path.replace(/:(\w+)/g, '{$1}')]?.get?.responses as Record<string, { content?: Record<string, Json> }> | undefined)?.['200']?.content;
      const schema = content?.['text/event-stream']?.['x-item-schema'] as Json | undefined;
      this.#validators.set(key, schema ? this.#ajv.compile(absolute(schema) as Json) : null);
    }
    const validate = this.#validators.get(key)!;
    if (validate === null) return `GET ${path} streamed events, which the document does not declare for it.`;
    return validate(data) ? null : `GET ${path} streamed an event its schema refuses: ${this.#ajv.errorsText(validate.errors, { separator: '; ' })}.`;
  }

  #validator(method: string, path: string | undefined, status: number): ValidateFunction | null {
    const key = `${method} ${path} ${status}`;
    if (!this.#validators.has(key)) {
      const schema = this.#schema(method, path, status);
      const ref = schema && Object.keys(schema).length === 1 && typeof schema.$ref === 'string' ? (absolute(schema) as { $ref: string }).$ref : undefined;
      // a named component compiles once, however many operations answer it
      this.#validators.set(key, schema === null ? null : ref ? this.#ajv.getSchema(ref)! : this.#ajv.compile(absolute(schema) as Json));
    }
    return this.#validators.get(key)!;
  }

  /** The schema declared for a response: the exact status, else its class (`4XX`), else `default`. */
  #schema(method: string, path: string | undefined, status: number): Json | null {
    const error = this.#document.components.responses.Error as { content: { 'application/json': { schema: Json } } };
    if (path === undefined) return status >= 400 ? error.content['application/json'].schema : null;
    const responses = this.#document.paths[path]?.[method]?.responses as Record<string, Json> | undefined;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => responses?.[candidate] !== undefined);
    if (!responses || key === undefined) return null;
    const response = responses[key]!.$ref === '#/components/responses/Error' ? error : (responses[key] as { content?: Record<string, { schema?: Json }> });
    return response.content?.['application/json']?.schema ?? null;
  }
}

/** A schema whose `#/components/schemas/X` refs name the components added to ajv on their own. */
function absolute(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absolute);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === '$ref' && typeof inner === 'string' ? inner.replace(/^#\/components\/schemas\//, SCHEMA_BASE) : absolute(inner)]),
  );
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
    const write = response.write.bind(response) as (chunk: unknown, ...rest: unknown[]) => boolean;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      const problem = typeof chunk === 'string' && isEventStream(response) ? eventProblem(contract(), routeOf(request), chunk) : null;
      if (problem === null) return write(chunk, ...rest);
      console.error(`BillingOS API contract violation: ${problem}`);
      write(`event: contract_violation\ndata: ${JSON.stringify({ error: { type: 'api_error', code: 'contract_violation', message: problem } })}\n\n`);
      response.end();
      return false;
    }) as Response['write'];
    next();
  };
}

function isEventStream(response: Response): boolean {
  return String(response.getHeader('Content-Type') ?? '').startsWith('text/event-stream');
}

/** The first `data:` line of an SSE chunk that breaks the contract, as a message. */
function eventProblem(contract: ResponseContract, path: string | undefined, chunk: string): string | null {
  for (const line of chunk.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const problem = path === undefined ? 'An event stream answered a request no route matched.' : contract.eventViolation(path, JSON.parse(line.slice('data: '.length)));
    if (problem !== null) return problem;
  }
  return null;
}

function routeOf(request: Request): string | undefined {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : undefined;
}
