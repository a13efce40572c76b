// The demo's plans, created with the secret key so the dashboard has something to sell.
// Products cannot be edited or archived, so each version of this catalog is its own set of
// products, found by `metadata.demo_catalog`: data from an older demo keeps its old plans and
// gains these (the dashboard's pricing table lists only these).
export const CATALOG_VERSION = '2';

/** The metered feature the demo spends: 20 a month on Starter, 100 on Pro. */
export const AI_CREDITS = 'ai_credits';

const credits = (limit) => ({ key: AI_CREDITS, type: 'metered', limit, reset: 'period' });
const plans = [
  {
    name: 'Starter',
    description: 'For side projects',
    featureKeys: ['projects', 'basic_reports'],
    features: [credits(20)],
    prices: [{ amount: 900, currency: 'usd', interval: 'month' }],
  },
  {
    name: 'Pro',
    description: 'For growing teams',
    featureKeys: ['projects', 'basic_reports', 'advanced_reports', 'api_access'],
    features: [credits(100)],
    prices: [{ amount: 2900, currency: 'usd', interval: 'month' }],
  },
];

/**
 * Creates this version's plans that are missing; returns their ids and whether older demo plans exist.
 * @param {import('@billingos/node').BillingOS} billing
 */
export async function ensureDemoCatalog(billing) {
  const current = new Map();
  let outdated = false;
  for await (const product of billing.products.list({ limit: 100 })) {
    if (product.metadata.demo_catalog === CATALOG_VERSION) current.set(product.name, product.id);
    else if (plans.some((plan) => plan.name === product.name)) outdated = true;
  }
  for (const plan of plans) {
    if (!current.has(plan.name)) {
      const product = await billing.products.create({ ...plan, metadata: { demo_catalog: CATALOG_VERSION } });
      current.set(plan.name, product.id);
    }
  }
  return { productIds: plans.map((plan) => current.get(plan.name)), outdated };
}
