import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { invalidRequest, notFound } from '../errors/errors';
import { paginate, toPage } from '../pagination/page';
import type { Page, PageRequest } from '../pagination/page';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { EventOutbox } from '../webhooks/event-outbox';
import { toCustomer } from './customer';
import type { Customer, CustomerOwner, CustomerRow } from './customer';

export type CustomerInput = CustomerOwner & {
  /** Runs the customer on a test clock's time (test mode). */
  testClockId?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
  metadata?: Record<string, string> | undefined;
};

/** What PATCH may change; the owner (`externalUserId` or `externalOrganizationId`) is the customer's key and never changes. */
export interface CustomerPatch {
  email?: string | null | undefined;
  name?: string | null | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface CustomerFilter {
  externalUserId?: string | undefined;
  externalOrganizationId?: string | undefined;
}

/** Customers of one merchant in one mode; every query is scoped by both. */
@Injectable()
export class CustomersRepository {
  readonly #db: Database;
  readonly #outbox: EventOutbox;

  constructor(@Inject(Database) db: Database, @Inject(EventOutbox) outbox: EventOutbox) {
    this.#db = db;
    this.#outbox = outbox;
  }

  async create(scope: MerchantScope, input: CustomerInput): Promise<Customer> {
    const customer = await this.#db.transaction((tx) => this.#insert(tx, scope, input));
    if (!customer) {
      const [param, value] = ownerKey(input);
      throw invalidRequest('customer_exists', `A customer with ${param} "${value}" already exists. Find it with GET /v1/customers?${param}=…`, param);
    }
    return customer;
  }

  /**
   * The customer a session-token mint is for, created on first sight: the organization's when
   * the mint names one (shared by its members), else the user's own. Concurrent first mints
   * race on a unique index, so they all end with the one row (and one `customer.created`).
   */
  async upsert(scope: MerchantScope, owner: CustomerOwner): Promise<Customer> {
    const existing = await this.findByOwner(scope, owner);
    if (existing) return existing;
    const created = await this.#db.transaction((tx) => this.#insert(tx, scope, owner));
    return created ?? (await this.upsert(scope, owner));
  }

  async findByOwner(scope: MerchantScope, owner: CustomerOwner): Promise<Customer | null> {
    const [param, value] = ownerKey(owner);
    const rows = await this.#db.query<CustomerRow>(`SELECT * FROM customers WHERE merchant_id = $1 AND mode = $2 AND ${OWNER_COLUMNS[param]} = $3`, [
      scope.merchantId,
      scope.mode,
      value,
    ]);
    return rows[0] ? toCustomer(rows[0]) : null;
  }

  async get(scope: MerchantScope, id: string, param = 'id'): Promise<Customer> {
    const rows = await this.#db.query<CustomerRow>('SELECT * FROM customers WHERE merchant_id = $1 AND mode = $2 AND id = $3', [
      scope.merchantId,
      scope.mode,
      id,
    ]);
    if (!rows[0]) throw notFound('customer', id, param);
    return toCustomer(rows[0]);
  }

  async list(scope: MerchantScope, filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>> {
    const params: unknown[] = [scope.merchantId, scope.mode];
    let where = 'SELECT * FROM customers WHERE merchant_id = $1 AND mode = $2';
    for (const param of ['externalUserId', 'externalOrganizationId'] as const) {
      if (filter[param] === undefined) continue;
      params.push(filter[param]);
      where += ` AND ${OWNER_COLUMNS[param]} = $${params.length}`;
    }
    const query = paginate(where, params, page);
    return toPage(await this.#db.query<CustomerRow>(query.sql, query.params), query.limit, toCustomer);
  }

  async update(scope: MerchantScope, id: string, patch: CustomerPatch): Promise<Customer> {
    return this.#db.transaction(async (tx) => {
      const rows = await tx.query<CustomerRow>(
        `UPDATE customers SET
           email = CASE WHEN $4::boolean THEN $5 ELSE email END,
           name = CASE WHEN $6::boolean THEN $7 ELSE name END,
           metadata = CASE WHEN $8::boolean THEN $9::jsonb ELSE metadata END,
           updated_at = now()
         WHERE merchant_id = $1 AND mode = $2 AND id = $3 RETURNING *`,
        [
          scope.merchantId,
          scope.mode,
          id,
          patch.email !== undefined,
          patch.email ?? null,
          patch.name !== undefined,
          patch.name ?? null,
          patch.metadata !== undefined,
          JSON.stringify(patch.metadata ?? {}),
        ],
      );
      if (!rows[0]) throw notFound('customer', id);
      const customer = toCustomer(rows[0]);
      await this.#outbox.record(tx, scope, 'customer.updated', customer);
      return customer;
    });
  }

  async delete(scope: MerchantScope, id: string): Promise<{ id: string; object: 'customer'; deleted: true }> {
    return this.#db.transaction(async (tx) => {
      const rows = await tx.query<CustomerRow>('DELETE FROM customers WHERE merchant_id = $1 AND mode = $2 AND id = $3 RETURNING *', [
        scope.merchantId,
        scope.mode,
        id,
      ]);
      if (!rows[0]) throw notFound('customer', id);
      const deleted = { id, object: 'customer' as const, deleted: true as const };
      await this.#outbox.record(tx, scope, 'customer.deleted', deleted);
      return deleted;
    });
  }

  /** Inserts unless the owner already has a customer (either unique index): `null` then, and no event. */
  async #insert(tx: Queryable, scope: MerchantScope, input: CustomerInput): Promise<Customer | null> {
    const clockTime = input.testClockId ? await frozenTime(tx, scope, input.testClockId) : null;
    const rows = await tx.query<CustomerRow>(
      `INSERT INTO customers (id, merchant_id, mode, external_user_id, external_organization_id, email, name, metadata, test_clock_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, now()), COALESCE($10, now()))
       ON CONFLICT DO NOTHING RETURNING *`,
      [
        newId('cus'),
        scope.merchantId,
        scope.mode,
        input.externalUserId ?? null,
        input.externalOrganizationId ?? null,
        input.email ?? null,
        input.name ?? null,
        JSON.stringify(input.metadata ?? {}),
        input.testClockId ?? null,
        clockTime,
      ],
    );
    if (!rows[0]) return null;
    const customer = toCustomer(rows[0]);
    await this.#outbox.record(tx, scope, 'customer.created', customer, { createdAt: clockTime ?? undefined });
    return customer;
  }
}

/** Customers one test clock takes (Stripe's limit): an advance's work stays small. */
const CUSTOMERS_PER_CLOCK = 3;

/**
 * A test clock's time, read under its lock so the clock cannot be deleted or advanced meanwhile,
 * and so concurrent creates count its customers one after the other.
 */
async function frozenTime(tx: Queryable, scope: MerchantScope, testClockId: string): Promise<Date> {
  const rows = await tx.query<{ frozen_time: Date }>('SELECT frozen_time FROM test_clocks WHERE merchant_id = $1 AND mode = $2 AND id = $3 FOR UPDATE', [
    scope.merchantId,
    scope.mode,
    testClockId,
  ]);
  if (!rows[0]) throw notFound('test_clock', testClockId, 'testClockId');
  // Counted in a statement of its own, after the lock: the locking statement's snapshot predates the create that held it.
  const [counted] = await tx.query<{ customers: number }>('SELECT count(*)::int AS customers FROM customers WHERE test_clock_id = $1', [testClockId]);
  if (counted!.customers >= CUSTOMERS_PER_CLOCK) {
    throw invalidRequest(
      'test_clock_customer_limit',
      `Test clock ${testClockId} already has ${CUSTOMERS_PER_CLOCK} customers, the most one clock takes. Create another test clock for more customers.`,
      'testClockId',
    );
  }
  return rows[0].frozen_time;
}

const OWNER_COLUMNS = { externalUserId: 'external_user_id', externalOrganizationId: 'external_organization_id' } as const;

function ownerKey(owner: CustomerOwner): [keyof typeof OWNER_COLUMNS, string] {
  return owner.externalOrganizationId !== undefined ? ['externalOrganizationId', owner.externalOrganizationId] : ['externalUserId', owner.externalUserId];
}
