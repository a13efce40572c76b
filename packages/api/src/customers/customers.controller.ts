import { Body, Controller, Delete, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { CustomersRepository } from './customers.repository';
import { createCustomerBody, customerOwner, listCustomersQuery, updateCustomerBody } from './customer.schemas';
import type { CreateCustomerBody, ListCustomersQuery, UpdateCustomerBody } from './customer.schemas';

/** `/v1/customers`: secret key only. A customer is a user's own or an organization's (B2B). */
@Controller('v1/customers')
@Allow('secret')
export class CustomersController {
  readonly #customers: CustomersRepository;

  constructor(@Inject(CustomersRepository) customers: CustomersRepository) {
    this.#customers = customers;
  }

  @Post()
  create(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(createCustomerBody)) body: CreateCustomerBody) {
    const { email, name, metadata, testClockId } = body;
    return this.#customers.create(caller, { ...customerOwner(body), email, name, metadata, testClockId });
  }

  @Get()
  list(@Caller() caller: SecretCredential, @Query(new ZodValidationPipe(listCustomersQuery, 'query')) query: ListCustomersQuery) {
    return this.#customers.list(caller, { externalUserId: query.externalUserId, externalOrganizationId: query.externalOrganizationId }, query);
  }

  @Get(':id')
  get(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#customers.get(caller, id);
  }

  @Patch(':id')
  update(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(updateCustomerBody)) body: UpdateCustomerBody) {
    return this.#customers.update(caller, id, body);
  }

  @Delete(':id')
  delete(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#customers.delete(caller, id);
  }
}
