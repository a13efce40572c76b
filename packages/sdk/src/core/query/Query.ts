import { sessionClearedError } from '../errors/sessionCleared';
import { Subscribable } from '../Subscribable';

/** What a data hook returns besides `refetch`; a new object only when something changed. */
export interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
  /** No data yet and a request is running or about to. */
  isLoading: boolean;
  /** A request is running (also while data from before is shown). */
  isFetching: boolean;
}

/**
 * One resource (e.g. "my subscriptions"), fetched once however many components read it. Extends
 * {@link Subscribable} so hooks bind to it with `useSyncExternalStore`.
 */
export class Query<T> extends Subscribable {
  readonly #fetcher: () => Promise<T>;
  #state: QueryState<T> = { data: undefined, error: null, isLoading: true, isFetching: false };
  #inflight: Promise<T> | null = null;
  #stale = true;
  /** Bumped by `reset()` (a sign-out): an answer to a request of an older epoch is dropped. */
  #epoch = 0;

  /** With `initial` (data a server already read) the query starts settled and fresh: no spinner, no request. */
  constructor(fetcher: () => Promise<T>, initial?: T) {
    super();
    this.#fetcher = fetcher;
    if (initial !== undefined) {
      this.#state = { data: initial, error: null, isLoading: false, isFetching: false };
      this.#stale = false;
    }
  }

  getState = (): QueryState<T> => this.#state;

  /** Fetches if there is no fresh data and no request in flight; what a mounting hook calls. */
  ensure(): void {
    if (this.#stale && !this.#inflight) this.fetch().catch(() => {});
  }

  /**
   * Fetches now, joining a request already in flight. A request that `reset()` overtook rejects with
   * `session_cleared` and leaves the state alone.
   */
  fetch = (): Promise<T> => {
    if (this.#inflight) return this.#inflight;
    const epoch = this.#epoch;
    const current = () => {
      if (epoch !== this.#epoch) throw sessionClearedError();
    };
    this.#stale = false;
    this.#setState({ isFetching: true, isLoading: this.#state.data === undefined });
    this.#inflight = this.#fetcher().then(
      (data) => {
        current();
        return this.#settle({ data, error: null }, data);
      },
      (error: Error) => {
        current();
        this.#stale = true;
        throw this.#settle({ error }, error);
      },
    );
    return this.#inflight;
  };

  /** Marks the data stale and refetches at once when a component is showing it. */
  invalidate(): Promise<unknown> {
    this.#stale = true;
    return this.hasListeners ? this.fetch() : Promise.resolve();
  }

  /** Drops the data (another user's, after a sign-out), and any answer still on its way, and refetches where it is shown. */
  reset(): void {
    this.#epoch += 1;
    this.#inflight = null;
    this.#stale = true;
    this.#setState({ data: undefined, error: null, isLoading: true, isFetching: false });
    if (this.hasListeners) this.ensure();
  }

  /** Refetches a failed query that is on screen (e.g. once a token arrives after an outage). */
  retryIfFailed(): void {
    if (this.#state.error && this.hasListeners) this.ensure();
  }

  #settle<V>(patch: Partial<QueryState<T>>, value: V): V {
    this.#inflight = null;
    this.#setState({ ...patch, isFetching: false, isLoading: false });
    return value;
  }

  #setState(patch: Partial<QueryState<T>>): void {
    this.#state = { ...this.#state, ...patch };
    this.notify();
  }
}
