import 'reflect-metadata';
import type { BillingOSEvent, CustomerEvent, SubscriptionEvent } from '@billingos/node';
import { AuthProvider, BillingOSModule, type BillingOSModuleAsyncOptions, OnBillingOSEvent } from '../src';

// Checked by `tsc -p tsconfig.json` at the root: each line below must stay a type error.
function typeErrors(): void {
  // @ts-expect-error secretKey is required
  BillingOSModule.forRoot({ apiUrl: 'http://127.0.0.1:3001' });
  // @ts-expect-error a handler names at least one event type
  OnBillingOSEvent();
  // @ts-expect-error the session route needs a path
  BillingOSModule.forRoot({ secretKey: 'sk_test_12345678', sessionRoute: {} });
  // @ts-expect-error an AuthProvider must implement authenticate()
  class Incomplete extends AuthProvider {}
  // @ts-expect-error a factory returns client options
  const asyncOptions: BillingOSModuleAsyncOptions = { useFactory: () => ({ apiUrl: 'x' }) };
  void [Incomplete, asyncOptions];
}

// Handler parameters are narrowed by the selectors; these must compile.
export class TypedHandlers {
  @OnBillingOSEvent('subscription.updated')
  narrowed(event: SubscriptionEvent): string {
    return event.data.customerId;
  }

  @OnBillingOSEvent('customer.created', 'subscription.canceled')
  either(event: CustomerEvent | SubscriptionEvent): string {
    return event.id;
  }

  @OnBillingOSEvent('*')
  everything(event: BillingOSEvent): string {
    return event.type;
  }

  @OnBillingOSEvent('invoice.paid')
  notYetKnown(event: BillingOSEvent): string {
    return event.type;
  }

  // @ts-expect-error a subscription handler cannot take customer events only
  @OnBillingOSEvent('subscription.updated')
  mismatched(event: CustomerEvent): string {
    return event.data.id;
  }
}

describe('public types', () => {
  it('carries module options into the dynamic module', () => {
    expect(typeof typeErrors).toBe('function');
    const module = BillingOSModule.forRootAsync({ isGlobal: true, useFactory: () => ({ secretKey: 'sk_test_12345678' }) });
    expect(module.global).toBe(true);
    expect(BillingOSModule.forRoot({ secretKey: 'sk_test_12345678' }).global).toBe(false);
  });
});
