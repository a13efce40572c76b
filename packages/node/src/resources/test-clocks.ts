import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { idSegment } from './id-segment';
import { ListPromise, toPage } from './list-promise';
import type { RequestOptions } from '../http/request-options';
import type { Page } from './list-promise';
import type { DeletedTestClock, TestClock, TestClockAdvanceParams, TestClockCreateParams, TestClockListParams, Timestamp } from './test-clock';

/**
 * `/v1/test-clocks`: move time by hand in test mode to watch trials end, periods renew and
 * scheduled changes apply. A live key gets a `NotFoundError` (`code: 'test_mode_only'`).
 */
@injectable()
export class TestClocks {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /** @example const clock = await billing.testClocks.create({ frozenTime: new Date('2026-01-01T00:00:00Z'), name: 'renewals' }); */
  async create(params: TestClockCreateParams, options?: RequestOptions): Promise<TestClock> {
    const body = { ...params, frozenTime: toApiTime(params?.frozenTime, 'create') };
    return this.#http.request({ method: 'POST', path: '/v1/test-clocks', body }, options);
  }

  /** @example await billing.testClocks.retrieve('clock_123'); */
  async retrieve(id: string, options?: RequestOptions): Promise<TestClock> {
    return this.#http.request({ method: 'GET', path: clockPath(id, 'retrieve') }, options);
  }

  /**
   * Moves the clock forward and answers once every transition due by then has run.
   * @example await billing.testClocks.advance(clock.id, { frozenTime: new Date('2026-02-01T00:00:01Z') });
   */
  async advance(id: string, params: TestClockAdvanceParams, options?: RequestOptions): Promise<TestClock> {
    const body = { frozenTime: toApiTime(params?.frozenTime, 'advance') };
    return this.#http.request({ method: 'POST', path: `${clockPath(id, 'advance')}/advance`, body }, options);
  }

  /** Deletes the clock with its customers and their subscriptions. @example await billing.testClocks.del('clock_123'); */
  async del(id: string, options?: RequestOptions): Promise<DeletedTestClock> {
    return this.#http.request({ method: 'DELETE', path: clockPath(id, 'del') }, options);
  }

  /** @example for await (const clock of billing.testClocks.list()) await billing.testClocks.del(clock.id); */
  list(params: TestClockListParams = {}, options?: RequestOptions): ListPromise<TestClock> {
    const { startingAfter, ...query } = params;
    return new ListPromise(async (cursor) => {
      const body = await this.#http.request<Page<TestClock>>(
        { method: 'GET', path: '/v1/test-clocks', query: { ...query, startingAfter: cursor } },
        options,
      );
      return toPage(body);
    }, startingAfter);
  }
}

function clockPath(id: string, method: string): string {
  return `/v1/test-clocks/${idSegment(id, { method: `testClocks.${method}`, param: 'id', expected: "a test clock id such as 'clock_123'" })}`;
}

/** The largest unix time the API takes (9999-12-31T23:59:59Z); a bigger number is milliseconds by mistake. */
const MAX_SECONDS = 253_402_300_799;

/** A `Date` as ISO-8601, seconds and strings as given; refuses what would only earn a 400. */
function toApiTime(value: Timestamp | undefined, method: string): string | number {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SECONDS) return value;
  const millis = typeof value === 'number' && value > MAX_SECONDS;
  throw new InvalidRequestError({
    code: value === undefined ? 'parameter_missing' : 'parameter_invalid',
    param: 'frozenTime',
    message:
      `testClocks.${method}: pass \`frozenTime\` as a Date, an ISO-8601 string or unix seconds, got ${value instanceof Date ? 'an invalid Date' : String(value)}.` +
      (millis ? ' That number looks like milliseconds (Date.now()): pass new Date(ms) or Math.floor(ms / 1000).' : ''),
  });
}
