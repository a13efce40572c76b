import { Controller, Get, Inject } from '@nestjs/common';
import { Allow, RequireOperation } from '../auth/allow.decorator';
import type { CustomerView } from '../auth/credential';
import { Viewer } from '../auth/request-context';
import { CustomersRepository } from '../customers/customers.repository';
import { EntitlementsRepository } from '../entitlements/entitlements.repository';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { customerSchema } from '../customers/customer.schemas';
import { entitlementListSchema } from '../entitlements/entitlement.schemas';

/** `GET /v1/me` and `/v1/me/entitlements`: the token's own customer. */
@Controller('v1/me')
@Allow('session', 'publishable')
export class MeController {
  readonly #customers: CustomersRepository;
  readonly #entitlements: EntitlementsRepository;

  constructor(@Inject(CustomersRepository) customers: CustomersRepository, @Inject(EntitlementsRepository) entitlements: EntitlementsRepository) {
    this.#customers = customers;
    this.#entitlements = entitlements;
  }

  @Get()
  @RequireOperation('read_customer')
  @ApiOperation({ summary: "The token's customer", response: customerSchema })
  get(@Viewer() viewer: CustomerView) {
    return this.#customers.get(viewer, viewer.customerId);
  }

  @Get('entitlements')
  @RequireOperation('read_entitlements')
  @ApiOperation({ summary: "The token's customer's entitlements", response: entitlementListSchema })
  entitlements(@Viewer() viewer: CustomerView) {
    return this.#entitlements.forCustomer(viewer, viewer.customerId);
  }
}
