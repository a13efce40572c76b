import type { BillingOSClient } from '../BillingOSClient';
import { Query } from './Query';

/** The resources the hooks read, each fetched through the client. */
const fetchers = {
  customer: (client: BillingOSClient) => client.getCustomer(),
  subscriptions: (client: BillingOSClient) => client.listSubscriptions().then((list) => list.data),
  entitlements: (client: BillingOSClient) => client.listEntitlements().then((list) => list.data),
  products: (client: BillingOSClient) => client.listProducts().then((list) => list.data),
};

export type ResourceKey = keyof typeof fetchers;
export type ResourceData<K extends ResourceKey> = Awaited<ReturnType<(typeof fetchers)[K]>>;

/**
 * What a server read for the first paint (`billing.getBillingState()` in `@billingos/node`);
 * `customer: null` (a user BillingOS has not seen yet) seeds nothing for the customer.
 */
export type InitialState = { [K in ResourceKey]?: ResourceData<K> | null };

/**
 * One {@link Query} per resource for one client: the shared cache behind the data hooks, so a
 * hundred components reading subscriptions cause one request.
 */
export class QueryCache {
  readonly #client: BillingOSClient;
  readonly #queries = new Map<ResourceKey, Query<unknown>>();
  #initial: InitialState;

  constructor(client: BillingOSClient, initial: InitialState = {}) {
    this.#client = client;
    this.#initial = initial;
    let wasOk = false;
    let epoch = client.tokens.epoch;
    client.tokens.subscribe(() => {
      const { token, error } = client.tokens.getState();
      // clear() (a sign-out, here or in another tab) started a new epoch: the old user's data goes,
      // and so do their answers still on the way, even those that were waiting for a first token.
      const cleared = client.tokens.epoch !== epoch;
      const recovered = token !== null && error === null && !wasOk;
      // Updated before acting: a reset or retry asks for a token, which notifies this listener again.
      wasOk = token !== null && error === null;
      epoch = client.tokens.epoch;
      if (cleared) {
        this.#initial = {};
        this.#queries.forEach((query) => query.reset());
      }
      if (recovered) this.#queries.forEach((query) => query.retryIfFailed());
    });
  }

  get<K extends ResourceKey>(key: K): Query<ResourceData<K>> {
    let query = this.#queries.get(key);
    if (!query) {
      query = new Query<unknown>(() => fetchers[key](this.#client), this.#initial[key] ?? undefined);
      this.#queries.set(key, query);
    }
    return query as Query<ResourceData<K>>;
  }

  /** Refetches the given resources where they are shown (after a mutation). */
  invalidate(...keys: ResourceKey[]): Promise<unknown> {
    return Promise.all(keys.map((key) => this.get(key).invalidate()));
  }
}
