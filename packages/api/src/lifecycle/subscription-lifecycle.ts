import { Inject, Injectable } from '@nestjs/common';
import { InvoicesRepository } from '../invoices/invoices.repository';
import type { Queryable } from '../storage/database';
import { SUBSCRIPTION_SELECT, timelineState, toSubscription } from '../subscriptions/subscription';
import type { Subscription, SubscriptionRow } from '../subscriptions/subscription';
import { EventOutbox } from '../webhooks/event-outbox';
import type { EventType } from '../webhooks/event-outbox';
import { applyTransition, dueAt, nextTransition } from './subscription-timeline';
import type { TimelineState, Transition, TransitionKind } from './subscription-timeline';

const EVENT_OF: Record<TransitionKind, EventType> = {
  trial_will_end: 'subscription.trial_will_end',
  trial_end: 'subscription.updated',
  renewal: 'subscription.renewed',
  cancel: 'subscription.canceled',
  scheduled_change: 'subscription.updated',
  incomplete_expire: 'subscription.updated',
};

/** The transitions that start a period someone pays for. */
const BILLED: ReadonlySet<TransitionKind> = new Set(['renewal', 'trial_end', 'scheduled_change']);

/** A transition that ran, and whether it left an invoice to charge. */
export interface RanTransition extends Transition {
  invoiced: boolean;
}

/**
 * Runs a subscription's due transitions, each persisted together with its event (and, for a
 * subscription that collects payment, the new period's invoice) in the caller's transaction
 * (the caller holds the row's lock). Shared by the worker (wall-clock time), test-clock
 * advances, and writes that must start from the present state.
 */
@Injectable()
export class SubscriptionLifecycle {
  readonly #outbox: EventOutbox;
  readonly #invoices: InvoicesRepository;

  constructor(@Inject(EventOutbox) outbox: EventOutbox, @Inject(InvoicesRepository) invoices: InvoicesRepository) {
    this.#outbox = outbox;
    this.#invoices = invoices;
  }

  /** Runs the next transition if it is due by `until`; returns it, or `null` if none was due. */
  async step(tx: Queryable, row: SubscriptionRow, until: Date): Promise<RanTransition | null> {
    const state = timelineState(row);
    const transition = nextTransition(state);
    if (!transition || transition.at > until) return null;
    const before = toSubscription(row, new Date(transition.at.getTime() - 1));
    await writeState(tx, row.id, applyTransition(state, transition), transition.kind === 'trial_will_end' ? null : transition.at);
    const after = toSubscription(await loadSubscriptionRow(tx, row.id), transition.at);
    await this.#outbox.record(tx, { merchantId: row.merchant_id, mode: row.mode }, EVENT_OF[transition.kind], after, {
      createdAt: transition.at,
      previousAttributes: previousAttributes(transition.kind, before, after),
    });
    if (transition.kind === 'incomplete_expire') await this.#invoices.voidOpen(tx, { merchantId: row.merchant_id, mode: row.mode }, row.id, transition.at);
    const invoiced = row.collects_payment && BILLED.has(transition.kind) && after.price.amount > 0;
    if (invoiced) await this.#invoiceNewPeriod(tx, row, after, transition.at);
    return { ...transition, invoiced };
  }

  /** The invoice of the period a transition began: open, due at once on the customer's clock. */
  async #invoiceNewPeriod(tx: Queryable, row: SubscriptionRow, subscription: Subscription, at: Date): Promise<void> {
    await this.#invoices.createOpen(tx, { merchantId: row.merchant_id, mode: row.mode }, {
      customerId: row.customer_id,
      subscriptionId: row.id,
      billingReason: 'subscription_cycle',
      currency: subscription.price.currency,
      lines: [await this.#invoices.periodLine(tx, subscription)],
      at,
    });
  }

  /**
   * Runs the transition a claimed row is due for by `until` (the worker's and a clock advance's
   * unit of work); a row whose stored due time was stale gets it put right instead. Returns
   * whether it left an invoice to charge.
   */
  async runClaimed(tx: Queryable, row: SubscriptionRow, until: Date): Promise<boolean> {
    const ran = await this.step(tx, row, until);
    if (ran) return ran.invoiced;
    await tx.query('UPDATE subscriptions SET due_at = $2 WHERE id = $1', [row.id, dueAt(timelineState(row))]);
    return false;
  }

  /** Runs every transition due by `until`, in order; returns the row as it is afterwards. */
  async catchUp(tx: Queryable, row: SubscriptionRow, until: Date): Promise<SubscriptionRow> {
    let current = row;
    while (await this.step(tx, current, until)) current = await loadSubscriptionRow(tx, row.id);
    return current;
  }
}

/** Stores a lifecycle state and when the worker should look at the subscription next. */
export async function writeState(tx: Queryable, id: string, state: TimelineState, updatedAt: Date | null): Promise<void> {
  await tx.query(
    `UPDATE subscriptions SET status = $2, price_id = $3, scheduled_price_id = $4, current_period_start = $5, current_period_end = $6,
       billing_cycle_anchor = $7, trial_end = $8, cancel_at_period_end = $9, canceled_at = $10, trial_will_end_sent = $11, due_at = $12,
       updated_at = COALESCE($13, updated_at)
     WHERE id = $1`,
    [
      id,
      state.status,
      state.price.id,
      state.scheduledPrice?.id ?? null,
      state.currentPeriodStart,
      state.currentPeriodEnd,
      state.billingCycleAnchor,
      state.trialEnd,
      state.cancelAtPeriodEnd,
      state.canceledAt,
      state.trialWillEndSent,
      dueAt(state),
      updatedAt,
    ],
  );
}

export async function loadSubscriptionRow(db: Queryable, id: string): Promise<SubscriptionRow> {
  const [row] = await db.query<SubscriptionRow>(`${SUBSCRIPTION_SELECT} WHERE s.id = $1`, [id]);
  if (!row) throw new Error(`Subscription ${id} vanished inside its own transaction.`);
  return row;
}

/** What DESIGN promises in `previousAttributes`: the status a trial left, the price a scheduled change replaced. */
function previousAttributes(kind: TransitionKind, before: Subscription, after: Subscription): Partial<Subscription> | undefined {
  if (kind === 'trial_end') return { status: before.status, ...(before.price.id !== after.price.id ? { price: before.price } : {}) };
  if (kind === 'scheduled_change') return { price: before.price };
  if (kind === 'incomplete_expire') return { status: before.status };
  return undefined;
}
