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
import type { Customer, CustomerRow } from './customer';

export interface CustomerInput {
  externalUserId: string;
  externalOrganizationId?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface CustomerPatch {
  externalOrganizationId?: string | null | undefined;
  email?: string | null | undefined;
  name?: string | null | undefined;
  metadata?: Record<string, string> | undefined;
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
      throw invalidRequest(
        'customer_exists',
        `A customer with externalUserId "${input.externalUserId}" already exists. Find it with GET /v1/customers?externalUserId=…`,
        'externalUserId',
      );
    }
    return customer;
  }

  /** The customer for an external user id, created on first sight (session-token mint). */
  async upsert(scope: MerchantScope, externalUserId: string, externalOrganizationId?: string): Promise<Customer> {
    const existing = await this.findByExternalId(scope, externalUserId);
    if (existing && (!externalOrganizationId || existing.externalOrganizationId === externalOrganizationId)) return existing;
    if (existing) return this.update(scope, existing.id, { externalOrganizationId });
    const created = await this.#db.transaction((tx) => this.#insert(tx, scope, { externalUserId, externalOrganizationId }));
    return created ?? (await this.upsert(scope, externalUserId, externalOrganizationId));
  }

  async findByExternalId(scope: MerchantScope, externalUserId: string): Promise<Customer | null> {
    const rows = await this.#db.query<CustomerRow>(
      'SELECT * FROM customers WHERE merchant_id = $1 AND mode = $2 AND external_user_id = $3',
      [scope.merchantId, scope.mode, externalUserId],
    );
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

  async list(scope: MerchantScope, filter: { externalUserId?: string | undefined }, page: PageRequest): Promise<Page<Customer>> {
    const params: unknown[] = [scope.merchantId, scope.mode];
    let where = 'SELECT * FROM customers WHERE merchant_id = $1 AND mode = $2';
    if (filter.externalUserId !== undefined) {
      params.push(filter.externalUserId);
      where += ` AND external_user_id = $${params.length}`;
    }
    const query = paginate(where, params, page);
    return toPage(await this.#db.query<CustomerRow>(query.sql, query.params), query.limit, toCustomer);
  }

  async update(scope: MerchantScope, id: string, patch: CustomerPatch): Promise<Customer> {
    return this.#db.transaction(async (tx) => {
      const rows = await tx.query<CustomerRow>(
        `UPDATE customers SET
           external_organization_id = CASE WHEN $4::boolean THEN $5 ELSE external_organization_id END,
           email = CASE WHEN $6::boolean THEN $7 ELSE email END,
           name = CASE WHEN $8::boolean THEN $9 ELSE name END,
           metadata = CASE WHEN $10::boolean THEN $11::jsonb ELSE metadata END,
           updated_at = now()
         WHERE merchant_id = $1 AND mode = $2 AND id = $3 RETURNING *`,
        [
          scope.merchantId,
          scope.mode,
          id,
          patch.externalOrganizationId !== undefined,
          patch.externalOrganizationId ?? null,
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

  async #insert(tx: Queryable, scope: MerchantScope, input: CustomerInput): Promise<Customer | null> {
    const rows = await tx.query<CustomerRow>(
      `INSERT INTO customers (id, merchant_id, mode, external_user_id, external_organization_id, email, name, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (merchant_id, mode, external_user_id) DO NOTHING RETURNING *`,
      [newId('cus'), scope.merchantId, scope.mode, input.externalUserId, input.externalOrganizationId ?? null, input.email ?? null, input.name ?? null, JSON.stringify(input.metadata ?? {})],
    );
    if (!rows[0]) return null;
    const customer = toCustomer(rows[0]);
    await this.#outbox.record(tx, scope, 'customer.created', customer);
    return customer;
  }
}
