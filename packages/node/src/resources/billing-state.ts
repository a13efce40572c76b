import { InvalidRequestError } from '../errors/invalid-request-error';
import type { RequestOptions } from '../http/request-options';
import type { Customer, CustomerOwner } from './customer';
import type { Customers } from './customers';
import type { Entitlement } from './entitlement';
import type { Entitlements } from './entitlements';
import type { Product } from './product';
import type { Products } from './products';
import type { Subscription } from './subscription';
import type { Subscriptions } from './subscriptions';

/** Whose billing to read: your user's id, or (B2B) your organization's id. */
export type BillingStateParams = CustomerOwner;

/**
 * Everything the billing components show, read with the secret key on your server, in the shape
 * `@billingos/sdk`'s hooks fetch it (pass it to `<BillingOSProvider initialState>`).
 */
export interface BillingState {
  /** `null` for a user BillingOS has never seen (nothing is created: minting a session token does that). */
  customer: Customer | null;
  /** Newest first, the 100 most recent (as `/v1/me/subscriptions?limit=100`). */
  subscriptions: Subscription[];
  /** Granted by active and trialing subscriptions. */
  entitlements: Entitlement[];
  /** The first 100 products (as `/v1/products?limit=100`), active or not. */
  products: Product[];
}

export interface BillingStateResources {
  customers: Customers;
  subscriptions: Subscriptions;
  entitlements: Entitlements;
  products: Products;
}

/** Reads a customer's billing in three rounds at most: customer and products, then subscriptions and entitlements. */
export async function getBillingState(resources: BillingStateResources, params: BillingStateParams, options?: RequestOptions): Promise<BillingState> {
  const owner = ownerOf(params);
  const [customers, products] = await Promise.all([
    resources.customers.list({ ...owner, limit: 1 }, options),
    resources.products.list({ limit: 100 }, options),
  ]);
  const customer = customers.data[0] ?? null;
  if (!customer) return { customer, subscriptions: [], entitlements: [], products: products.data };
  const [subscriptions, entitlements] = await Promise.all([
    resources.subscriptions.list({ customerId: customer.id, limit: 100 }, options),
    resources.entitlements.list(customer.id, {}, options).toArray(),
  ]);
  return { customer, subscriptions: subscriptions.data, entitlements, products: products.data };
}

/** Exactly one non-empty id: without one, the customer list would answer someone else's customer. */
function ownerOf(params: BillingStateParams): CustomerOwner {
  const { externalUserId, externalOrganizationId } = params ?? {};
  const valid = (id: unknown) => typeof id === 'string' && id.length > 0;
  if (valid(externalUserId) !== valid(externalOrganizationId)) {
    return valid(externalUserId) ? { externalUserId: externalUserId! } : { externalOrganizationId: externalOrganizationId! };
  }
  throw new InvalidRequestError({
    code: 'parameter_missing',
    param: 'externalUserId',
    message: 'getBillingState needs exactly one of `externalUserId` (your user\'s id) and `externalOrganizationId` (your organization\'s id).',
  });
}
