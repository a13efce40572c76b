import type { RequestHandler } from 'express';
import type { NextApiHandler } from 'next';
import { BillingOS } from '@billingos/node';
import { billingos, createSessionHandler, createSessionRoute, SupabaseAuthProvider } from '@billingos/supabase';

// Compile-time checks (the root typecheck runs over tests): the exports fit the frameworks
// the README promises, without casts.
const appRouterGet: (request: Request) => Promise<Response> = billingos.createSessionRoute();
const pagesRouterHandler: NextApiHandler = billingos.createSessionHandler();
const expressHandler: RequestHandler = (req, res) => void createSessionHandler()(req, res);
const withProvider = new BillingOS({ secretKey: 'sk_test_typecheck_only', authProvider: new SupabaseAuthProvider() });

// @ts-expect-error expiresIn is a number of seconds
createSessionRoute({ expiresIn: '1h' });
// @ts-expect-error extractOrganizationId receives the verified SupabaseUser, which has no `organizationId`
createSessionRoute({ extractOrganizationId: (_request, user) => user.organizationId });

it('exports the same functions under billingos and by name', () => {
  expect(billingos.createSessionRoute).toBe(createSessionRoute);
  expect(billingos.createSessionHandler).toBe(createSessionHandler);
  expect(Object.isFrozen(billingos)).toBe(true);
  expect([appRouterGet, pagesRouterHandler, expressHandler].every((fn) => typeof fn === 'function')).toBe(true);
  expect(withProvider).toBeInstanceOf(BillingOS);
});
