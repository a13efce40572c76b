/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { act, screen, waitFor } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import type { ReactNode } from 'react';
import { BillingOSProvider, type Price } from '../../src/index';
import { BillingPortal, PricingTable } from '../../src/ui';
import { useUI } from '../../src/ui/options/useUI';
import { Root } from '../../src/ui/shared/Root';
import { startStack, type Stack } from '../support/stack';
import { createCatalog, subscribe } from './catalog';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack.close());
afterEach(() => jest.restoreAllMocks());

/** Server-renders `tree`, hydrates it in the document, and returns what React complained about. */
async function hydrate(tree: ReactNode): Promise<{ complaints: unknown[]; errors: jest.SpyInstance }> {
  const container = document.createElement('div');
  container.innerHTML = renderToString(tree);
  document.body.append(container);
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
  const complaints: unknown[] = [];
  await act(async () => {
    hydrateRoot(container, tree, { onRecoverableError: (error) => complaints.push(error) });
  });
  return { complaints, errors };
}

test('the portal and the table hydrate without a warning and then load', async () => {
  const catalog = await createCatalog(stack);
  await subscribe(stack, 'hydrated', catalog.starter.monthly);
  const { fetch } = stack.browserFetch('hydrated');
  const tree = (
    <BillingOSProvider sessionTokenUrl={stack.routeUrl} apiUrl={stack.api.url} fetch={fetch} createChannel={false}>
      <BillingPortal />
      <PricingTable />
    </BillingOSProvider>
  );
  const { complaints, errors } = await hydrate(tree);
  await waitFor(() => expect(screen.getByRole('heading', { name: 'Starter', level: 2 })).toBeTruthy(), { timeout: 15_000 });
  expect(complaints).toEqual([]);
  expect(errors.mock.calls).toEqual([]);
  errors.mockRestore();
});

const price: Price = { id: 'price_1', object: 'price', productId: 'prod_1', amount: 0, currency: 'usd', interval: 'month', intervalCount: 1, trialDays: 0 };

function Renewal({ iso }: { iso: string }) {
  const ui = useUI();
  return <p data-testid="date">{`${ui.date(iso)} ${ui.money({ ...price, amount: 123456, currency: 'eur' })}`}</p>;
}

test('dates and money render with fixed locale and time zone on the server and while hydrating, then in the browser’s', async () => {
  // A German browser in Tokyo: 23:30 UTC on 5 March is already 6 March there.
  const language = jest.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
  const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions;
  const zone = jest.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
    return { ...resolvedOptions.call(this), timeZone: 'Asia/Tokyo' };
  });
  const tree = (
    <Root options={{}}>
      <Renewal iso="2026-03-05T23:30:00.000Z" />
    </Root>
  );
  const html = renderToString(tree);
  expect(html).toContain('Mar 5, 2026 €1,234.56');
  const { complaints, errors } = await hydrate(tree);
  expect(complaints).toEqual([]);
  expect(errors.mock.calls).toEqual([]);
  expect(screen.getAllByTestId('date').at(-1)!.textContent).toBe('06.03.2026 1.234,56\u00a0€');
  errors.mockRestore();
  zone.mockRestore();
  language.mockRestore();
});
