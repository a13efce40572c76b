// The demo's plans, created once per merchant so the dashboard has something to sell.
const plans = [
  { name: 'Starter', description: 'For side projects', featureKeys: ['projects', 'basic_reports'], prices: [{ amount: 900, currency: 'usd', interval: 'month' }] },
  { name: 'Pro', description: 'For growing teams', featureKeys: ['projects', 'basic_reports', 'advanced_reports', 'api_access'], prices: [{ amount: 2900, currency: 'usd', interval: 'month' }] },
];

/** @param {import('@billingos/node').BillingOS} billing */
export async function ensureDemoCatalog(billing) {
  const existing = new Set();
  for await (const product of billing.products.list({ limit: 100 })) existing.add(product.name);
  for (const plan of plans) {
    if (!existing.has(plan.name)) await billing.products.create(plan);
  }
}
