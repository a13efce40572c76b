import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { CustomersRepository } from '../customers/customers.repository';
import { EntitlementsRepository } from './entitlements.repository';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { entitlementListSchema } from './entitlement.schemas';

/** `GET /v1/customers/:id/entitlements`: secret key only. */
@Controller('v1/customers/:id/entitlements')
@Allow('secret')
export class EntitlementsController {
  readonly #customers: CustomersRepository;
  readonly #entitlements: EntitlementsRepository;

  constructor(@Inject(CustomersRepository) customers: CustomersRepository, @Inject(EntitlementsRepository) entitlements: EntitlementsRepository) {
    this.#customers = customers;
    this.#entitlements = entitlements;
  }

  @Get()
  @ApiOperation({ summary: "A customer's entitlements, granted by its active and trialing subscriptions", response: entitlementListSchema })
  async list(@Caller() caller: SecretCredential, @Param('id') id: string) {
    await this.#customers.get(caller, id);
    return this.#entitlements.forCustomer(caller, id);
  }
}
