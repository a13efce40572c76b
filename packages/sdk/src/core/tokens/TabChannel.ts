/** A token as tabs of one origin share it; times are on the (shared) local clock. */
export interface SharedToken {
  token: string;
  expiresAt: string | null;
  refreshAt: number;
  usableUntil: number;
  /** When the request for it began: a tab refuses tokens requested before its last `clear()`. Absent from older SDK versions. */
  requestedAt?: number;
}

type Message = { type: 'ask' } | { type: 'token'; shared: SharedToken } | { type: 'clear'; at?: number };

/** The part of `BroadcastChannel` the SDK uses, so tests and other platforms can supply one. */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** Builds the channel for a name; `BroadcastChannel` by default. */
export type CreateChannel = (name: string) => BroadcastChannelLike;

/**
 * Lets tabs of one origin share one session token: a tab that gets a token posts it, and a tab
 * that needs one asks the others before going to the network.
 */
export class TabChannel {
  readonly #channel: BroadcastChannelLike;
  readonly #lockName: string;
  #waiting: (() => void) | null = null;

  constructor(
    name: string,
    create: CreateChannel,
    onToken: (shared: SharedToken) => void,
    fresh: () => SharedToken | null,
    onClear: (at: number) => void,
  ) {
    this.#lockName = name;
    this.#channel = create(name);
    this.#channel.onmessage = ({ data }: MessageEvent<Message>) => {
      if (data.type === 'token') {
        onToken(data.shared);
        this.#waiting?.();
      } else if (data.type === 'clear') {
        onClear(data.at ?? Date.now());
      } else {
        const current = fresh();
        if (current) this.post(current);
      }
    };
  }

  post(shared: SharedToken): void {
    this.#channel.postMessage({ type: 'token', shared } satisfies Message);
  }

  /** Tells the other tabs to forget their token (the user signed out at `at`, on the shared local clock). */
  clear(at: number): void {
    this.#channel.postMessage({ type: 'clear', at } satisfies Message);
  }

  /** Asks the other tabs for their token; resolves on the first answer or after `waitMs`. */
  ask(waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiting = null;
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.#waiting = done;
      this.#channel.postMessage({ type: 'ask' } satisfies Message);
    });
  }

  /** Runs `task` while holding a cross-tab lock (Web Locks), so only one tab fetches at a time. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? (locks.request(this.#lockName, task) as Promise<T>) : task();
  }

  close(): void {
    this.#waiting?.();
    this.#channel.close();
  }
}

/** The platform's `BroadcastChannel`, or `null` where it does not exist. */
export function defaultCreateChannel(): CreateChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : (name) => new BroadcastChannel(name);
}
