import { Injectable } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { invalidRequest } from '../errors/errors';

/**
 * Validates a body or query against a zod schema; the first problem answers 400 with
 * `param` naming the field, before the handler (and so before any write) runs.
 *
 * @example
 * create(@Body(new ZodValidationPipe(createCustomerBody)) body: CreateCustomerBody) {}
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  readonly #schema: S;
  readonly #where: 'body' | 'query';

  constructor(schema: S, where: 'body' | 'query' = 'body') {
    this.#schema = schema;
    this.#where = where;
  }

  transform(value: unknown): z.output<S> {
    const input = value ?? {};
    const result = this.#schema.safeParse(input, { reportInput: true });
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const param = path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      throw invalidRequest('unknown_parameter', `Unknown ${this.#where === 'query' ? 'query parameter' : 'field'} "${param}". Remove it; see the API reference for accepted fields.`, param);
    }
    if (!param) throw invalidRequest('invalid_body', `The ${this.#where} must be a JSON object: ${issue.message}.`);
    // Whatever the check (a type, an enum's options, a rule across fields), a field that was not sent is missing.
    const missing = valueAt(input, issue.path) === undefined;
    const code = missing ? 'parameter_missing' : 'parameter_invalid';
    const why = issue.code === 'custom' ? `: ${issue.message}.` : '.';
    const message = missing ? `"${param}" is required${why}` : `"${param}" is invalid: ${issue.message}.`;
    throw invalidRequest(code, message, param);
  }
}

/** The value at `path` in what was sent (a union reports no input of its own when the field is absent). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), input);
}
