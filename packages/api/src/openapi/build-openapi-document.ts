import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { z } from 'zod';
import { ALLOW_KEY, OPERATION_KEY, PUBLIC_KEY } from '../auth/allow.decorator';
import type { CredentialKind } from '../auth/credential';
import { errorEnvelopeSchema } from '../errors/api-error.schemas';
import { API_OPERATION_KEY } from './api-operation.decorator';
import { apiSchemaRegistry } from './api-schemas';
import type { ApiOperationSpec } from './api-operation.decorator';
import { SECURITY_SCHEMES, securityOf } from './security-schemes';

/** A JSON Schema (2020-12) or OpenAPI object, as plain JSON. */
export type Json = { [key: string]: unknown };

/** The OpenAPI 3.1 document `GET /v1/openapi.json` serves. */
export interface OpenApiDocument extends Json {
  openapi: '3.1.0';
  servers: Array<{ url: string; description: string }>;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json>; responses: Record<string, Json> };
}

const SCHEMA_REF = '#/components/schemas/';

/**
 * Where the API is: a relative URL, which OpenAPI resolves against where the document was
 * fetched, so every instance (a merchant's own behind any host or proxy, or a local
 * billingos-api) describes itself without configuration, and no request header (Host,
 * X-Forwarded-*) can point it elsewhere. (An absolute localhost entry would draw Redocly's
 * no-server-example.com warning, and be wrong for every deployed instance.)
 */
const SERVERS: OpenApiDocument['servers'] = [{ url: '/', description: 'The BillingOS API that serves this document: your own instance, or a local billingos-api' }];
const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };
const ERROR_SCHEMA_REF = { $ref: `${SCHEMA_REF}${idOf(errorEnvelopeSchema)}` };
const REQUEST_ID_HEADER = { description: 'Names this request in logs and support questions.', schema: { type: 'string' } };

/** The method an HTTP route answers to, keyed as OpenAPI spells it. */
const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

/**
 * The OpenAPI 3.1 document of the routes of `controllers`, from the zod schemas each route's
 * `@ApiOperation` names. Every route must carry one: a route without a contract fails the start.
 */
export function buildOpenApiDocument(controllers: ReadonlyArray<abstract new (...args: never[]) => unknown>): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const hoisted: Record<string, Json> = {};
  for (const controller of controllers) {
    const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    for (const name of methodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name] as object;
      const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || !method) continue;
      const spec = Reflect.getMetadata(API_OPERATION_KEY, handler) as ApiOperationSpec | undefined;
      if (!spec) throw new Error(`${controller.name}.${name} has no @ApiOperation: declare its contract (summary, body, query, response) so GET /v1/openapi.json covers it.`);
      for (const prefix of base) {
        for (const suffix of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
          const path = openApiPath(prefix, suffix);
          (paths[path] ??= {})[method] = operation(spec, { controller, handler, method, path, name }, hoisted);
        }
      }
    }
  }
  const generated = z.toJSONSchema(apiSchemaRegistry(), { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', uri: (id) => `${SCHEMA_REF}${id}` })
    .schemas as Record<string, Json>;
  const all: Record<string, Json> = { ...hoisted, ...generated };
  const schemas = Object.fromEntries(
    [...reachable([paths, ERROR_SCHEMA_REF], all)]
      .sort((a, b) => a.localeCompare(b))
      .map((id) => [id, bare(all[id]!)]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'BillingOS API',
      version: '1',
      description:
        'Session-token billing for SaaS: a secret key on your server, a session token (or the legacy publishable key) in the browser. Errors are always `{ error: { type, code, message, param?, requestId } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: SERVERS,
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas,
      securitySchemes: SECURITY_SCHEMES,
      responses: {
        Error: {
          description: 'The error envelope: `type` says which SDK error class, `code` what went wrong.',
          headers: { 'Request-Id': REQUEST_ID_HEADER },
          content: { 'application/json': { schema: ERROR_SCHEMA_REF } },
        },
      },
    },
  };
}

interface Route {
  controller: abstract new (...args: never[]) => unknown;
  handler: object;
  method: string;
  path: string;
  name: string;
}

function operation(spec: ApiOperationSpec, route: Route, hoisted: Record<string, Json>): Json {
  const status = (Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined) ?? (route.method === 'post' ? 201 : 200);
  const parameters = [...pathParameters(route.path), ...queryParameters(spec.query, hoisted)];
  const content = spec.events
    ? {
        'text/event-stream': {
          schema: { type: 'string', description: 'Server-Sent Events: the `data:` of each event is one `x-item-schema` as JSON.' },
          'x-item-schema': schemaOf(spec.events, 'output', hoisted),
        },
      }
    : spec.html
      ? { 'text/html': { schema: { type: 'string', description: 'An HTML page.' } } }
      : spec.response
        ? { 'application/json': { schema: schemaOf(spec.response, 'output', hoisted) } }
        : undefined;
  return {
    operationId: spec.operationId ?? `${lowerFirst(route.controller.name.replace(/Controller$/, ''))}.${route.name}`,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [route.path.split('/')[2] ?? route.path.split('/')[1]],
    security: securityOf(kindsOf(route), Reflect.getMetadata(OPERATION_KEY, route.handler) !== undefined || Reflect.getMetadata(OPERATION_KEY, route.controller) !== undefined, isPublic(route)),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(spec.body, 'input', hoisted) } } } } : {}),
    responses: {
      [String(status)]: { description: spec.summary, headers: { 'Request-Id': REQUEST_ID_HEADER }, ...(content ? { content } : {}) },
      '4XX': ERROR_RESPONSE,
      '5XX': ERROR_RESPONSE,
    },
  };
}

function kindsOf(route: Route): CredentialKind[] {
  return (Reflect.getMetadata(ALLOW_KEY, route.handler) ?? Reflect.getMetadata(ALLOW_KEY, route.controller) ?? []) as CredentialKind[];
}

function isPublic(route: Route): boolean | 'checkoutClientSecret' {
  return (Reflect.getMetadata(PUBLIC_KEY, route.handler) ?? Reflect.getMetadata(PUBLIC_KEY, route.controller) ?? false) as boolean | 'checkoutClientSecret';
}

/** A named schema becomes a `$ref` to its component; any other is inlined, its named parts hoisted into components. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', hoisted: Record<string, Json>): Json {
  const id = idOf(schema);
  if (id && io === 'output') return { $ref: `${SCHEMA_REF}${id}` };
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  const { $defs, ...rest } = json as Json & { $defs?: Record<string, Json> };
  for (const [name, def] of Object.entries($defs ?? {})) hoisted[name] ??= rewriteRefs(def) as Json;
  return bare(rewriteRefs(rest) as Json);
}

function queryParameters(query: z.ZodType | undefined, hoisted: Record<string, Json>): Json[] {
  if (!query) return [];
  const json = schemaOf(query, 'input', hoisted) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    schema,
  }));
}

function pathParameters(path: string): Json[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string', minLength: 1 } }));
}

function idOf(schema: z.ZodType): string | undefined {
  const id = z.globalRegistry.get(schema)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The ids of the components `roots` refer to, directly or through other components. */
function reachable(roots: unknown[], components: Record<string, Json>): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith(SCHEMA_REF)) {
        const id = inner.slice(SCHEMA_REF.length);
        if (!found.has(id) && id in components) {
          found.add(id);
          visit(components[id]);
        }
      } else {
        visit(inner);
      }
    }
  };
  roots.forEach(visit);
  return found;
}

/** `#/$defs/X` (what zod writes for one schema) → `#/components/schemas/X`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === '$ref' && typeof inner === 'string' ? inner.replace(/^#\/\$defs\//, SCHEMA_REF) : rewriteRefs(inner)]),
  );
}

/** A schema without the `$schema`/`$id` zod adds at its root (OpenAPI 3.1's default dialect is JSON Schema 2020-12). */
function bare(schema: Json): Json {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function pathsOf(value: unknown): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** `v1/customers` + `:id` → `/v1/customers/{id}` */
function openApiPath(prefix: string, suffix: string): string {
  const joined = `/${[prefix, suffix].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  return joined.replace(/:(\w+)/g, '{$1}');
}

function methodNames(prototype: object): string[] {
  return Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
