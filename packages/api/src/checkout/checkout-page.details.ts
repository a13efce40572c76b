import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../storage/database';

/** What a checkout page shows besides the session itself: who is selling what. */
export interface CheckoutPageDetails {
  merchantName: string;
  /** `null` in setup mode. */
  product: { name: string; amount: number; currency: string; interval: string; intervalCount: number } | null;
  /** A charge is waiting on the buyer's bank, or its answer has not been read yet: the page finishes it. */
  paymentWaiting: boolean;
  /** Another request is confirming right now (within the confirm's 60 s lease, no charge recorded yet). */
  confirming: boolean;
}

/** Where the test authentication page sends the buyer back to, once they decided. */
export interface CheckoutReturn {
  clientSecret: string;
  successUrl: string;
}

/** Reads for the checkout page and the test authentication page (the session itself comes from `CheckoutSessionsService`). */
@Injectable()
export class CheckoutPageQueries {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async details(sessionId: string): Promise<CheckoutPageDetails | undefined> {
    const [row] = await this.#db.query<{
      merchant_name: string;
      product_name: string | null;
      amount: number | null;
      currency: string | null;
      interval: string | null;
      interval_count: number | null;
      payment_waiting: boolean;
      confirming: boolean;
    }>(
      `SELECT m.name AS merchant_name, pr.name AS product_name, p.amount, p.currency, p.interval, p.interval_count,
              s.attempt_payment_id IS NOT NULL AS payment_waiting,
              (s.attempt_started_at IS NOT NULL AND s.attempt_payment_id IS NULL AND s.attempt_started_at > now() - interval '60 seconds') AS confirming
         FROM checkout_sessions s JOIN merchants m ON m.id = s.merchant_id
         LEFT JOIN prices p ON p.id = s.price_id LEFT JOIN products pr ON pr.id = p.product_id
        WHERE s.id = $1`,
      [sessionId],
    );
    if (!row) return undefined;
    const product =
      row.product_name !== null && row.amount !== null
        ? { name: row.product_name, amount: Number(row.amount), currency: row.currency!, interval: row.interval!, intervalCount: row.interval_count ?? 1 }
        : null;
    return { merchantName: row.merchant_name, product, paymentWaiting: row.payment_waiting, confirming: row.confirming };
  }

  /**
   * The checkout waiting on `providerPaymentId`: the test page only learns a session id from its
   * query, and hands the buyer back to the page (addressed by the client secret) only when that
   * session's waiting payment is this one.
   */
  async returnTo(sessionId: string, providerPaymentId: string): Promise<CheckoutReturn | undefined> {
    const [row] = await this.#db.query<{ client_secret: string; success_url: string }>(
      "SELECT client_secret, success_url FROM checkout_sessions WHERE id = $1 AND attempt_payment_id = $2 AND status = 'open'",
      [sessionId, providerPaymentId],
    );
    return row ? { clientSecret: row.client_secret, successUrl: row.success_url } : undefined;
  }
}
