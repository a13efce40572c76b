/** A listener called with no arguments; readers pull the new state themselves. */
export type Listener = () => void;

/**
 * The one observable primitive of the SDK (TanStack's `Subscribable`): React binds to it with
 * `useSyncExternalStore`, so nothing in the core depends on a framework.
 */
export class Subscribable {
  #listeners = new Set<Listener>();

  /** Registers `listener`; the returned function removes it. Stable, so it can go straight to `useSyncExternalStore`. */
  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  protected get hasListeners(): boolean {
    return this.#listeners.size > 0;
  }

  protected notify(): void {
    this.#listeners.forEach((listener) => listener());
  }
}
