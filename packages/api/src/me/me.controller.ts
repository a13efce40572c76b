import { Controller, Get, Inject } from '@nestjs/common';
import { Allow, RequireOperation } from '../auth/allow.decorator';
import type { CustomerView } from '../auth/credential';
import { Viewer } from '../auth/request-context';
import { CustomersRepository } from '../customers/customers.repository';

/** `GET /v1/me`: the token's own customer. */
@Controller('v1/me')
@Allow('session', 'publishable')
export class MeController {
  readonly #customers: CustomersRepository;

  constructor(@Inject(CustomersRepository) customers: CustomersRepository) {
    this.#customers = customers;
  }

  @Get()
  @RequireOperation('read_customer')
  get(@Viewer() viewer: CustomerView) {
    return this.#customers.get(viewer, viewer.customerId);
  }
}
