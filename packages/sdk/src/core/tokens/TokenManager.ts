import { isBillingOSError } from '../errors/isBillingOSError';
import { assertSession } from '../errors/sessionCleared';
import { Subscribable } from '../Subscribable';
import { assertNotSecretKey } from './assertNotSecretKey';
import { backoffDelay } from './backoffDelay';
import { browserResumeEvents, type ResumeEvents } from './resumeEvents';
import { defaultCreateChannel, TabChannel, type CreateChannel, type SharedToken } from './TabChannel';
import { tokenTiming } from './tokenTiming';
import type { TokenSource } from './TokenSource';

/** What the UI sees of the token; a new object only when something changed. */
export interface TokenState {
  token: string | null;
  expiresAt: Date | null;
  error: Error | null;
  isLoading: boolean;
}

export interface TokenManagerOptions {
  /**
   * Resume events (tab visible again, network back) that trigger a due refresh.
   * @default visibilitychange + online on `window`
   */
  resumeEvents?: ResumeEvents;
  /**
   * Builds the cross-tab channel; `false` turns sharing off.
   * @default `BroadcastChannel` where it exists
   */
  createChannel?: CreateChannel | false;
  /**
   * How long a tab waits for another tab's token before fetching its own, in ms.
   * @default 50
   */
  shareWaitMs?: number;
  /**
   * A token your server minted for this page (`{ token, expiresAt }`, or what
   * `billing.createSessionToken()` answered): used until its refresh is due, so the first render
   * needs no request.
   */
  initialToken?: InitialToken;
}

/** A session token minted on the server: `{ token, expiresAt }` or `{ sessionToken, expiresAt }`. */
export type InitialToken = { expiresAt: Date | string | null } & ({ token: string } | { sessionToken: string });

const noop = () => {};

/**
 * Keeps one valid session token: a single request however many callers ask, refreshes ahead of
 * expiry, backs off on failure, catches up when the tab returns, and shares tokens across tabs.
 *
 * `clear()` (a sign-out, here or in another tab) starts a new epoch. Every request remembers the
 * epoch it began in; a result of an older one is dropped (never adopted, cached or posted to other
 * tabs), its fetch is aborted through {@link TokenManager.signal}, and its callers get an
 * `AuthenticationError` with code `session_cleared`.
 *
 * @example
 * const tokens = new TokenManager(new UrlTokenSource('/api/billingos-session'));
 * const stop = tokens.start();
 * const token = await tokens.getToken();
 */
export class TokenManager extends Subscribable {
  readonly #source: TokenSource;
  readonly #options: TokenManagerOptions;
  #current: SharedToken | null = null;
  #state: TokenState = { token: null, expiresAt: null, error: null, isLoading: false };
  #inflight: Promise<string> | null = null;
  #epoch = 0;
  #session = new AbortController();
  /** The latest `clear()` this tab knows of, on the local clock tabs share. */
  #clearedAt = 0;
  #failures = 0;
  #retryAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #starts = 0;
  #channel: TabChannel | null = null;
  #stopResume = noop;

  constructor(source: TokenSource, options: TokenManagerOptions = {}) {
    super();
    this.#source = source;
    this.#options = options;
    const initial = options.initialToken;
    if (initial) {
      const token = 'token' in initial ? initial.token : initial.sessionToken;
      assertNotSecretKey(token);
      const expiresAt = initial.expiresAt === null ? null : new Date(initial.expiresAt);
      this.#adopt({ token, expiresAt: expiresAt?.toISOString() ?? null, ...tokenTiming({ token, expiresAt }, Date.now()) }, true);
    }
  }

  /** The current state; stable between changes (for `useSyncExternalStore`). */
  getState = (): TokenState => this.#state;

  /** Counts the `clear()` calls (here or in another tab): work begun in an older epoch is dropped. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Aborted when `clear()` ends the current epoch: give it to requests made with this epoch's token. */
  get signal(): AbortSignal {
    return this.#session.signal;
  }

  /** A usable token: the cached one, the request already in flight, or a new request. */
  getToken(): Promise<string> {
    const current = this.#current;
    if (current && Date.now() < current.usableUntil) {
      // After a failed refresh the backoff timer asks again; callers must not each start one.
      if (Date.now() >= current.refreshAt && !this.#backingOff()) this.#run(true).catch(noop);
      return Promise.resolve(current.token);
    }
    if (!this.#inflight && this.#backingOff() && this.#state.error) {
      return Promise.reject(this.#state.error);
    }
    return this.#run(true);
  }

  /** Fetches a new token now (joining a request already in flight). */
  refresh = (): Promise<string> => this.#run(false);

  /**
   * Forgets the token in this tab and in every other tab of the origin; call it when the user
   * signs out, so no tab hands the old user's token to the next one. Mounted hooks then ask the
   * session route again (and get its 401 until someone signs in). Requests still in flight are
   * aborted and their results dropped; their callers get `session_cleared`.
   *
   * @example
   * await supabase.auth.signOut();
   * tokens.clear();
   */
  clear = (): void => {
    const at = Date.now();
    this.#channel?.clear(at);
    this.#forget(at);
  };

  /**
   * Called when the API answered 401 for `token`: forces one refresh, unless the token has already
   * been replaced, and returns the token to retry with.
   */
  rejected(token: string): Promise<string> {
    if (this.#current?.token !== token) return this.getToken();
    this.#current = null;
    return this.#run(false);
  }

  /** Starts timers, resume events and cross-tab sharing (reference counted); returns `stop`. */
  start(): () => void {
    if (this.#starts++ === 0) this.#attach();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      if (--this.#starts === 0) this.#detach();
    };
  }

  #attach(): void {
    const { createChannel = defaultCreateChannel(), resumeEvents = browserResumeEvents } = this.#options;
    const key = this.#source.shareKey;
    if (createChannel && key !== undefined) {
      this.#channel = new TabChannel(`billingos:${key}`, createChannel, (shared) => this.#adopt(shared, false), () => this.#fresh(), (at) => this.#forget(at));
    }
    this.#stopResume = resumeEvents(() => this.#resume());
    if (this.#current) this.#schedule();
    else this.getToken().catch(noop);
  }

  #detach(): void {
    clearTimeout(this.#timer);
    this.#stopResume();
    this.#channel?.close();
    this.#channel = null;
  }

  #resume(): void {
    const current = this.#current;
    if (current && Date.now() < current.refreshAt) return;
    this.#retryAt = 0;
    this.#run(true).catch(noop);
  }

  #run(ask: boolean): Promise<string> {
    if (!this.#inflight) {
      const inflight: Promise<string> = this.#obtain(ask, this.#session.signal).finally(() => {
        if (this.#inflight === inflight) this.#inflight = null;
      });
      this.#inflight = inflight;
    }
    return this.#inflight;
  }

  async #obtain(ask: boolean, session: AbortSignal): Promise<string> {
    if (!this.#current) this.#setState({ isLoading: true });
    // Hooks ask for a token in their effects, which React runs before the provider's start():
    // one microtask later the cross-tab channel exists, so a new tab asks the others first.
    await null;
    const channel = this.#channel;
    const fetchOne = async () => {
      assertSession(session);
      if (ask && channel) {
        await channel.ask(this.#options.shareWaitMs ?? 50);
        assertSession(session);
        const fresh = this.#fresh();
        if (fresh) return fresh.token;
      }
      return this.#fetch(session);
    };
    return channel ? channel.exclusive(fetchOne) : fetchOne();
  }

  async #fetch(session: AbortSignal): Promise<string> {
    const requestedAt = Date.now();
    try {
      const result = await this.#source.getToken({ signal: session });
      assertSession(session);
      assertNotSecretKey(result.token);
      const shared = { token: result.token, expiresAt: result.expiresAt?.toISOString() ?? null, requestedAt, ...tokenTiming(result, Date.now()) };
      this.#adopt(shared, true);
      this.#channel?.post(shared);
      return shared.token;
    } catch (error) {
      // A cleared session's answer, or its failure, is none of this session's business.
      assertSession(session);
      this.#failures += 1;
      this.#retryAt = Date.now() + backoffDelay(this.#failures);
      this.#setState({ error: error as Error, isLoading: false });
      // Signed out (a 401 and no token to keep) is no outage to poll through: the visitor is asked
      // again by the resume events, refresh(), a new caller after the backoff, or another tab's token.
      if (this.#current || !isBillingOSError(error, 'authentication_error')) this.#schedule();
      throw error;
    }
  }

  /**
   * Takes a token this tab fetched (`own`), or one from another tab if it outlives the current one
   * and was not requested before the last clear (that tab may post before it hears of the clear).
   */
  #adopt(shared: SharedToken, own: boolean): void {
    if (!own && ((shared.requestedAt ?? Infinity) < this.#clearedAt || (this.#current && this.#current.usableUntil > shared.usableUntil))) return;
    this.#current = shared;
    this.#failures = 0;
    this.#setState({
      token: shared.token,
      expiresAt: shared.expiresAt ? new Date(shared.expiresAt) : null,
      error: null,
      isLoading: false,
    });
    this.#schedule();
  }

  /** Ends the epoch: whatever is in flight belongs to the signed-out user and is dropped. */
  #forget(at: number): void {
    this.#clearedAt = Math.max(this.#clearedAt, at);
    this.#epoch += 1;
    this.#session.abort();
    this.#session = new AbortController();
    this.#inflight = null;
    this.#current = null;
    this.#failures = 0;
    this.#setState({ token: null, expiresAt: null, error: null, isLoading: false });
    if (this.#starts) this.#run(false).catch(noop);
  }

  #backingOff(): boolean {
    return this.#failures > 0 && Date.now() < this.#retryAt;
  }

  #fresh(): SharedToken | null {
    const current = this.#current;
    return current && Date.now() < current.refreshAt ? current : null;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (!this.#starts) return;
    const at = this.#failures ? this.#retryAt : (this.#current?.refreshAt ?? Infinity);
    if (at === Infinity) return;
    this.#timer = setTimeout(() => this.#run(true).catch(noop), Math.max(at - Date.now(), 0));
  }

  #setState(patch: Partial<TokenState>): void {
    this.#state = { ...this.#state, ...patch };
    this.notify();
  }
}
