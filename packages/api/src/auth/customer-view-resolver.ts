import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CustomersRepository } from '../customers/customers.repository';
import { invalidRequest, notFound, permissionError } from '../errors/errors';
import { MerchantSettings } from './merchant-settings';
import { DEFAULT_OPERATIONS } from './credential';
import type { Credential, CustomerView, Operation } from './credential';

export const CUSTOMER_HEADER = 'billingos-customer';

/** Finds the customer a `/v1/me*` request is about and checks the operation is in scope (403 otherwise). */
@Injectable()
export class CustomerViewResolver {
  readonly #customers: CustomersRepository;
  readonly #settings: MerchantSettings;

  constructor(@Inject(CustomersRepository) customers: CustomersRepository, @Inject(MerchantSettings) settings: MerchantSettings) {
    this.#customers = customers;
    this.#settings = settings;
  }

  async resolve(credential: Credential, operation: Operation, request: Request): Promise<CustomerView> {
    if (credential.kind === 'session') {
      if (!credential.operations.includes(operation)) {
        throw permissionError(
          'operation_not_allowed',
          `This session token does not allow "${operation}" (it allows: ${credential.operations.join(', ') || 'nothing'}). Mint it with allowedOperations including "${operation}".`,
        );
      }
      return { merchantId: credential.merchantId, mode: credential.mode, customerId: credential.customerId, operations: credential.operations };
    }
    if (credential.kind === 'publishable') return this.#legacyView(credential.merchantId, credential.mode, operation, request);
    throw permissionError('secret_key_not_allowed', "/v1/me is one customer's view and needs a session token. With a secret key, use /v1/customers/:id.");
  }

  async #legacyView(merchantId: string, mode: 'test' | 'live', operation: Operation, request: Request): Promise<CustomerView> {
    if (!DEFAULT_OPERATIONS.includes(operation)) {
      throw permissionError('publishable_key_read_only', 'Publishable keys are read-only. Use a session token with "manage_subscription" to change a subscription.');
    }
    if (!(await this.#settings.legacyPublishableView(merchantId, mode))) {
      throw permissionError(
        'legacy_view_disabled',
        mode === 'live'
          ? 'The publishable-key view is off in live mode. Use a session token (sessionTokenUrl in the React SDK).'
          : 'This merchant turned the publishable-key view off. Use a session token (sessionTokenUrl in the React SDK).',
      );
    }
    const named = request.headers[CUSTOMER_HEADER];
    if (typeof named !== 'string' || named.length === 0) {
      throw invalidRequest('parameter_missing', 'With a publishable key, name the customer in the BillingOS-Customer header (its id or externalUserId).', 'BillingOS-Customer');
    }
    const scope = { merchantId, mode };
    const customer = named.startsWith('cus_')
      ? await this.#customers.get(scope, named, 'BillingOS-Customer')
      : await this.#customers.findByOwner(scope, { externalUserId: named });
    if (!customer) throw notFound('customer', named, 'BillingOS-Customer');
    return { ...scope, customerId: customer.id, operations: DEFAULT_OPERATIONS };
  }
}
