import { Body, Controller, Delete, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { Database } from '../storage/database';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { CustomersRepository } from './customers.repository';
import { createCustomerBody, customerOwner, listCustomersQuery, updateCustomerBody } from './customer.schemas';
import type { CreateCustomerBody, ListCustomersQuery, UpdateCustomerBody } from './customer.schemas';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { customerListSchema, customerSchema, deletedCustomerSchema } from './customer.schemas';

/** `/v1/customers`: secret key only. A customer is a user's own or an organization's (B2B). */
@Controller('v1/customers')
@Allow('secret')
export class CustomersController {
  readonly #customers: CustomersRepository;
  readonly #subscriptions: SubscriptionsRepository;
  readonly #db: Database;

  constructor(
    @Inject(CustomersRepository) customers: CustomersRepository,
    @Inject(SubscriptionsRepository) subscriptions: SubscriptionsRepository,
    @Inject(Database) db: Database,
  ) {
    this.#customers = customers;
    this.#subscriptions = subscriptions;
    this.#db = db;
  }

  @Post()
  @ApiOperation({ summary: 'Create a customer', body: createCustomerBody, response: customerSchema })
  create(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(createCustomerBody)) body: CreateCustomerBody) {
    const { email, name, metadata, testClockId } = body;
    return this.#customers.create(caller, { ...customerOwner(body), email, name, metadata, testClockId });
  }

  @Get()
  @ApiOperation({ summary: 'List customers', query: listCustomersQuery, response: customerListSchema })
  list(@Caller() caller: SecretCredential, @Query(new ZodValidationPipe(listCustomersQuery, 'query')) query: ListCustomersQuery) {
    return this.#customers.list(caller, { externalUserId: query.externalUserId, externalOrganizationId: query.externalOrganizationId }, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a customer', response: customerSchema })
  get(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#customers.get(caller, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a customer', body: updateCustomerBody, response: customerSchema })
  update(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(updateCustomerBody)) body: UpdateCustomerBody) {
    return this.#customers.update(caller, id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a customer (its subscriptions are canceled first, each with subscription.canceled)', response: deletedCustomerSchema })
  delete(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#db.runInTransaction(async () => {
      await this.#subscriptions.cancelAllOfCustomer(caller, id);
      return this.#customers.delete(caller, id);
    });
  }
}
