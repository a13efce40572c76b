import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../storage/database';
import { newId } from '../storage/ids';
import { CardError } from './card-error';
import { PaymentProvider } from './payment-provider';
import type { CardInput, ChargeRequest, ChargeResult, PaymentFailure, ProviderMethod } from './payment-provider';
import { cardBrand, chargeFailure, passesLuhn, TEST_METHOD_ALIASES, testCardBehaviour } from './test-cards';
import type { TestCardBehaviour } from './test-cards';

interface MethodRow {
  [column: string]: unknown;
  id: string;
  behaviour: TestCardBehaviour;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
}

interface PaymentRow {
  [column: string]: unknown;
  id: string;
  status: ChargeResult['status'];
  failure: PaymentFailure | null;
}

/**
 * The built-in provider of test mode: Stripe's test cards, deterministically, with no account
 * and no network. It keeps its methods and payments in tables of its own, as a real provider
 * would on its side, so a charge retried with the same idempotency key (after a crash, on another
 * node) returns the first result instead of charging again. Only brand, last4 and expiry of a
 * card are kept.
 */
@Injectable()
export class TestPaymentProvider extends PaymentProvider {
  readonly name = 'test';
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    super();
    this.#db = db;
  }

  async attachCard(card: CardInput): Promise<ProviderMethod> {
    const number = card.number.replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(number) || !passesLuhn(number)) {
      throw new CardError({ code: 'card_declined', declineCode: 'incorrect_number', retryable: false, message: 'Your card number is incorrect.' }, 'card.number');
    }
    const behaviour = testCardBehaviour(number);
    if (!behaviour) {
      throw new CardError(
        { code: 'card_declined', declineCode: 'test_mode_live_card', retryable: false, message: 'This is test mode: use a test card such as 4242 4242 4242 4242, not a real card.' },
        'card.number',
      );
    }
    if (isExpired(card.expMonth, card.expYear)) {
      throw new CardError({ code: 'expired_card', declineCode: 'expired_card', retryable: false, message: "Your card's expiration date is in the past." }, 'card.expYear');
    }
    return this.#store(behaviour, cardBrand(number), number.slice(-4), card.expMonth, card.expYear);
  }

  async attachExisting(providerMethodId: string): Promise<ProviderMethod | null> {
    const alias = TEST_METHOD_ALIASES[providerMethodId];
    if (alias) return this.#store(alias.behaviour, 'visa', alias.last4, 12, new Date().getUTCFullYear() + 3);
    const [row] = await this.#db.query<MethodRow>('SELECT * FROM test_provider_methods WHERE id = $1', [providerMethodId]);
    return row ? toMethod(row) : null;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const [method] = await this.#db.query<MethodRow>('SELECT * FROM test_provider_methods WHERE id = $1', [request.providerMethodId]);
    if (!method) throw new Error(`The test provider has no payment method ${request.providerMethodId}.`);
    const [earlier] = await this.#db.query<{ n: number }>('SELECT count(*)::int AS n FROM test_provider_payments WHERE method_id = $1', [method.id]);
    const outcome = chargeFailure(method.behaviour, earlier!.n + 1, request.offSession);
    const status: ChargeResult['status'] = outcome === null ? 'succeeded' : outcome === 'requires_action' ? 'requires_action' : 'failed';
    await this.#db.query(
      `INSERT INTO test_provider_payments (id, idempotency_key, method_id, amount, currency, status, failure) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [newId('tpay'), request.idempotencyKey, method.id, request.amount, request.currency, status, typeof outcome === 'object' && outcome ? JSON.stringify(outcome) : null],
    );
    // Whoever inserted first decided: a retry with the same key reads that payment back.
    const [payment] = await this.#db.query<PaymentRow>('SELECT id, status, failure FROM test_provider_payments WHERE idempotency_key = $1', [request.idempotencyKey]);
    return toResult(payment!);
  }

  async retrieve(providerPaymentId: string): Promise<ChargeResult> {
    const [payment] = await this.#db.query<PaymentRow>('SELECT id, status, failure FROM test_provider_payments WHERE id = $1', [providerPaymentId]);
    if (!payment) throw new Error(`The test provider has no payment ${providerPaymentId}.`);
    return toResult(payment);
  }

  /** What the buyer chose on the authentication page: a payment waiting for it succeeds or fails. */
  async authenticate(providerPaymentId: string, approved: boolean): Promise<ChargeResult> {
    const failure: PaymentFailure = { code: 'authentication_required', declineCode: 'authentication_failed', retryable: false, message: 'The payment was not confirmed with your bank.' };
    await this.#db.query("UPDATE test_provider_payments SET status = $2, failure = $3 WHERE id = $1 AND status = 'requires_action'", [
      providerPaymentId,
      approved ? 'succeeded' : 'failed',
      approved ? null : JSON.stringify(failure),
    ]);
    return this.retrieve(providerPaymentId);
  }

  async #store(behaviour: TestCardBehaviour, brand: string, last4: string, expMonth: number, expYear: number): Promise<ProviderMethod> {
    const [row] = await this.#db.query<MethodRow>(
      'INSERT INTO test_provider_methods (id, behaviour, brand, last4, exp_month, exp_year) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [newId('tpm'), behaviour, brand, last4, expMonth, expYear],
    );
    return toMethod(row!);
  }
}

function toMethod(row: MethodRow): ProviderMethod {
  return { providerMethodId: row.id, card: { brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year } };
}

function toResult(payment: PaymentRow): ChargeResult {
  return {
    status: payment.status,
    providerPaymentId: payment.id,
    ...(payment.status === 'requires_action' ? { nextAction: { type: 'redirect' as const, url: `/v1/test-payments/${payment.id}/authenticate` } } : {}),
    ...(payment.failure ? { failure: payment.failure } : {}),
  };
}

function isExpired(month: number, year: number): boolean {
  const now = new Date();
  return year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1);
}
