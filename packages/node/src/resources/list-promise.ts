/** One page of a cursor-paginated list, as the API returns it. */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

/** Parameters every list accepts. */
export interface ListParams {
  /** Items per page (the API caps it). */
  limit?: number;
  /** Start after this item id (the previous page's `nextCursor`). */
  startingAfter?: string;
}

/**
 * The result of a `list()` call: `await` it for the first page, or iterate it with
 * `for await` to walk every item across pages (each page is fetched when needed).
 *
 * @example
 * const firstPage = await billing.customers.list({ limit: 10 });
 * for await (const customer of billing.customers.list()) console.log(customer.id);
 */
export class ListPromise<T> implements Promise<Page<T>>, AsyncIterable<T> {
  readonly [Symbol.toStringTag] = 'ListPromise';
  readonly #fetchPage: (startingAfter: string | undefined) => Promise<Page<T>>;
  readonly #startingAfter: string | undefined;
  #firstPage: Promise<Page<T>> | undefined;

  constructor(fetchPage: (startingAfter: string | undefined) => Promise<Page<T>>, startingAfter?: string) {
    this.#fetchPage = fetchPage;
    this.#startingAfter = startingAfter;
  }

  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#first().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected: (reason: unknown) => R | PromiseLike<R>): Promise<Page<T> | R> {
    return this.#first().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.#first().finally(onfinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#first();
    for (;;) {
      yield* page.data;
      if (!page.hasMore || !page.nextCursor) return;
      page = await this.#fetchPage(page.nextCursor);
    }
  }

  /** Every item across pages, up to `max` (default 10 000, so a runaway list cannot exhaust memory). */
  async toArray(max = 10_000): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) {
      if (items.length >= max) break;
      items.push(item);
    }
    return items;
  }

  #first(): Promise<Page<T>> {
    this.#firstPage ??= this.#fetchPage(this.#startingAfter);
    return this.#firstPage;
  }
}

/** Accepts the API's page, tolerating a bare `{ data }` (a list that is never paginated). */
export function toPage<T>(body: Partial<Page<T>> | undefined): Page<T> {
  return { data: body?.data ?? [], hasMore: body?.hasMore ?? false, nextCursor: body?.nextCursor ?? null };
}
