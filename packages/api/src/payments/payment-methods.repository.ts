import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { notFound, paymentError } from '../errors/errors';
import { singlePage } from '../pagination/page';
import type { Page } from '../pagination/page';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { clockTimeOf } from '../time/customer-time';
import { EventOutbox } from '../webhooks/event-outbox';
import { CardError } from './card-error';
import { toPaymentMethod } from './payment-method';
import type { PaymentMethod, PaymentMethodRow } from './payment-method';
import type { CardInput, ProviderMethod } from './payment-provider';
import { PaymentProviders } from './payment-providers';

/** What a customer pays with: methods the provider keeps, with one default per customer. */
@Injectable()
export class PaymentMethodsRepository {
  readonly #db: Database;
  readonly #outbox: EventOutbox;
  readonly #providers: PaymentProviders;

  constructor(@Inject(Database) db: Database, @Inject(EventOutbox) outbox: EventOutbox, @Inject(PaymentProviders) providers: PaymentProviders) {
    this.#db = db;
    this.#outbox = outbox;
    this.#providers = providers;
  }

  /** Saves a card the buyer entered (tokenised by the provider first: its number goes no further). */
  async attachCard(scope: MerchantScope, customerId: string, card: CardInput, setDefault = true): Promise<PaymentMethod> {
    const method = await this.#providers.for(scope.mode).attachCard(card).catch(rethrowCardError);
    return this.save(scope, customerId, method, setDefault);
  }

  /** Saves a method the provider already holds (a test alias in test mode). */
  async attachExisting(scope: MerchantScope, customerId: string, providerMethodId: string, setDefault = false): Promise<PaymentMethod> {
    const method = await this.#providers.for(scope.mode).attachExisting(providerMethodId);
    if (!method) throw notFound('payment_method', providerMethodId, 'paymentMethodId');
    return this.save(scope, customerId, method, setDefault);
  }

  /** The customer's methods, the default first, then the newest. */
  async list(scope: MerchantScope, customerId: string): Promise<Page<PaymentMethod>> {
    await this.#assertCustomer(this.#db, scope, customerId);
    const rows = await this.#db.query<PaymentMethodRow>(
      'SELECT * FROM payment_methods WHERE merchant_id = $1 AND mode = $2 AND customer_id = $3 ORDER BY is_default DESC, id DESC',
      [scope.merchantId, scope.mode, customerId],
    );
    return singlePage(rows.map(toPaymentMethod));
  }

  /** The method renewals are charged to, if the customer has one. */
  async defaultOf(db: Queryable, scope: MerchantScope, customerId: string): Promise<PaymentMethodRow | undefined> {
    const [row] = await db.query<PaymentMethodRow>('SELECT * FROM payment_methods WHERE merchant_id = $1 AND mode = $2 AND customer_id = $3 AND is_default', [
      scope.merchantId,
      scope.mode,
      customerId,
    ]);
    return row;
  }

  async setDefault(scope: MerchantScope, id: string, customerId?: string): Promise<PaymentMethod> {
    return this.#db.transaction(async (tx) => {
      return this.#makeDefault(tx, await this.#row(tx, scope, id, customerId));
    });
  }

  async #makeDefault(tx: Queryable, row: PaymentMethodRow): Promise<PaymentMethod> {
    await tx.query('UPDATE payment_methods SET is_default = false WHERE customer_id = $1 AND is_default', [row.customer_id]);
    const [updated] = await tx.query<PaymentMethodRow>('UPDATE payment_methods SET is_default = true WHERE id = $1 RETURNING *', [row.id]);
    return toPaymentMethod(updated!);
  }

  /** Removes a method; `payment_method.detached`. The customer is left without a default if it was one. */
  async detach(scope: MerchantScope, id: string, customerId?: string): Promise<{ id: string; object: 'payment_method'; deleted: true }> {
    return this.#db.transaction(async (tx) => {
      const row = await this.#row(tx, scope, id, customerId);
      await tx.query('DELETE FROM payment_methods WHERE id = $1', [id]);
      await this.#outbox.record(tx, scope, 'payment_method.detached', { ...toPaymentMethod(row), isDefault: false }, { createdAt: await clockTimeOf(tx, row.customer_id) });
      return { id, object: 'payment_method' as const, deleted: true as const };
    });
  }

  /** Saves a method the provider returned (a customer's first is its default); `payment_method.attached`. Joins an ambient transaction. */
  async save(scope: MerchantScope, customerId: string, method: ProviderMethod, setDefault: boolean): Promise<PaymentMethod> {
    return this.#db.transaction(async (tx) => {
      await this.#assertCustomer(tx, scope, customerId, true);
      // A method the customer already has (paid with again, by its id) is the same method: not saved twice.
      const [known] = await tx.query<PaymentMethodRow>('SELECT * FROM payment_methods WHERE customer_id = $1 AND provider_method_id = $2', [customerId, method.providerMethodId]);
      if (known) return setDefault && !known.is_default ? this.#makeDefault(tx, known) : toPaymentMethod(known);
      const first = (await this.defaultOf(tx, scope, customerId)) === undefined;
      if (setDefault && !first) await tx.query('UPDATE payment_methods SET is_default = false WHERE customer_id = $1 AND is_default', [customerId]);
      const at = await clockTimeOf(tx, customerId);
      const [row] = await tx.query<PaymentMethodRow>(
        `INSERT INTO payment_methods (id, merchant_id, mode, customer_id, provider, provider_method_id, brand, last4, exp_month, exp_year, is_default, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, COALESCE($12, now())) RETURNING *`,
        [
          newId('pm'),
          scope.merchantId,
          scope.mode,
          customerId,
          this.#providers.for(scope.mode).name,
          method.providerMethodId,
          method.card.brand,
          method.card.last4,
          method.card.expMonth,
          method.card.expYear,
          setDefault || first,
          at ?? null,
        ],
      );
      const saved = toPaymentMethod(row!);
      await this.#outbox.record(tx, scope, 'payment_method.attached', saved, { createdAt: at });
      return saved;
    });
  }

  async #row(db: Queryable, scope: MerchantScope, id: string, customerId?: string): Promise<PaymentMethodRow> {
    const rows = await db.query<PaymentMethodRow>(
      `SELECT * FROM payment_methods WHERE merchant_id = $1 AND mode = $2 AND id = $3${customerId ? ' AND customer_id = $4' : ''} FOR UPDATE`,
      customerId ? [scope.merchantId, scope.mode, id, customerId] : [scope.merchantId, scope.mode, id],
    );
    if (!rows[0]) throw notFound('payment_method', id);
    return rows[0];
  }

  /** The customer exists in this scope (locked when saving, so its default is changed one at a time). */
  async #assertCustomer(db: Queryable, scope: MerchantScope, customerId: string, lock = false): Promise<void> {
    const rows = await db.query(`SELECT 1 FROM customers WHERE merchant_id = $1 AND mode = $2 AND id = $3${lock ? ' FOR UPDATE' : ''}`, [scope.merchantId, scope.mode, customerId]);
    if (!rows[0]) throw notFound('customer', customerId, 'customerId');
  }
}

/** A card the provider refused: 402 `payment_error` with what to tell the buyer. */
function rethrowCardError(error: unknown): never {
  if (!(error instanceof CardError)) throw error;
  throw paymentError(error.failure.code, error.message, error.param);
}
