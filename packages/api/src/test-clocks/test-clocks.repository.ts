import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { invalidRequest, notFound } from '../errors/errors';
import { InvoiceCollector } from '../lifecycle/invoice-collector';
import { SubscriptionLifecycle } from '../lifecycle/subscription-lifecycle';
import { addInterval } from '../subscriptions/billing-period';
import { paginate, toPage } from '../pagination/page';
import type { Page, PageRequest } from '../pagination/page';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { SUBSCRIPTION_SELECT } from '../subscriptions/subscription';
import type { SubscriptionRow } from '../subscriptions/subscription';
import { toTestClock } from './test-clock';
import { TestWorkGate, yieldToOthers } from './test-work-gate';
import type { TestClock, TestClockRow } from './test-clock';

/** How far one advance may move a clock: enough for any billing story, bounded work per request. */
const MAX_ADVANCE_YEARS = 5;
/** One step's bounds: a short transaction, so live statements queue behind it for milliseconds. */
const STEP_TRANSITIONS = 25;
const STEP_MS = 20;
/** How long an advance vouches for its clock without taking a step (a node that died lets go after it). */
const LEASE_SECONDS = 60;

/** Test clocks of one merchant's test mode. */
@Injectable()
export class TestClocksRepository {
  readonly #db: Database;
  readonly #lifecycle: SubscriptionLifecycle;

  readonly #gate: TestWorkGate;
  readonly #collector: InvoiceCollector;

  constructor(
    @Inject(Database) db: Database,
    @Inject(SubscriptionLifecycle) lifecycle: SubscriptionLifecycle,
    @Inject(TestWorkGate) gate: TestWorkGate,
    @Inject(InvoiceCollector) collector: InvoiceCollector,
  ) {
    this.#db = db;
    this.#lifecycle = lifecycle;
    this.#gate = gate;
    this.#collector = collector;
  }

  async create(scope: MerchantScope, input: { frozenTime: Date; name?: string | undefined }): Promise<TestClock> {
    const rows = await this.#db.query<TestClockRow>(
      'INSERT INTO test_clocks (id, merchant_id, mode, name, frozen_time) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [newId('clock'), scope.merchantId, scope.mode, input.name ?? null, input.frozenTime],
    );
    return toTestClock(rows[0]!);
  }

  async get(scope: MerchantScope, id: string): Promise<TestClock> {
    return toTestClock(await this.#row(this.#db, scope, id));
  }

  async list(scope: MerchantScope, page: PageRequest): Promise<Page<TestClock>> {
    const query = paginate(
      'SELECT *, (advancing_to IS NOT NULL AND advance_lease_until > now()) AS advancing FROM test_clocks WHERE merchant_id = $1 AND mode = $2',
      [scope.merchantId, scope.mode],
      page,
    );
    return toPage(await this.#db.query<TestClockRow>(query.sql, query.params), query.limit, toTestClock);
  }

  /** Deletes the clock with its customers and their subscriptions. */
  async delete(scope: MerchantScope, id: string): Promise<{ id: string; object: 'test_clock'; deleted: true }> {
    const rows = await this.#db.query('DELETE FROM test_clocks WHERE merchant_id = $1 AND mode = $2 AND id = $3 RETURNING id', [scope.merchantId, scope.mode, id]);
    if (!rows[0]) throw notFound('test_clock', id);
    return { id, object: 'test_clock', deleted: true };
  }

  /**
   * Moves the clock to `frozenTime`, running every transition of its customers' subscriptions
   * that falls due on the way, in time order, each with its event stamped with its own time.
   * The work runs in short transactions (a few transitions each, yielding in between) so live
   * requests on this node and database never wait behind it; the clock's time follows the
   * transitions as they commit, and the call answers once all have run. Meanwhile the clock is
   * `advancing`, and a second advance answers 400 until it is `ready` again.
   */
  async advance(scope: MerchantScope, id: string, frozenTime: Date): Promise<TestClock> {
    await this.#gate.run(() => this.#begin(scope, id, frozenTime));
    try {
      let finished: TestClockRow | undefined;
      while (!(finished = await this.#gate.run(() => this.#step(scope, id, frozenTime)))) {
        // A step ends right after a transition that invoiced, so each invoice is charged before time moves on.
        await this.#gate.run(() => this.#collector.collectDue({ testClockId: id }, frozenTime));
        await yieldToOthers();
      }
      return toTestClock(finished);
    } catch (error) {
      await this.#db.query('UPDATE test_clocks SET advancing_to = NULL, advance_lease_until = NULL WHERE id = $1 AND advancing_to = $2', [id, frozenTime]).catch(() => undefined);
      throw error;
    }
  }

  async #begin(scope: MerchantScope, id: string, frozenTime: Date): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const clock = await this.#row(tx, scope, id, true);
      if (clock.advancing) {
        throw invalidRequest(
          'clock_advancing',
          `This test clock is advancing to ${new Date(clock.advancing_to!).toISOString()}. Wait until GET /v1/test-clocks/${id} answers status "ready", then advance it again.`,
          'frozenTime',
        );
      }
      assertForward(new Date(clock.frozen_time), frozenTime);
      await tx.query(`UPDATE test_clocks SET advancing_to = $2, advance_lease_until = now() + make_interval(secs => ${LEASE_SECONDS}) WHERE id = $1`, [id, frozenTime]);
    });
  }

  /**
   * One short transaction of an advance: up to a few due transitions in time order, the clock's
   * time moved to the last one's (it ends early after a transition that made an invoice, to be
   * charged before the next). Returns the clock once nothing is left to run (and then it is at
   * `frozenTime` and `ready`), else `undefined`.
   */
  async #step(scope: MerchantScope, id: string, frozenTime: Date): Promise<TestClockRow | undefined> {
    return this.#db.transaction(async (tx) => {
      const clock = await this.#row(tx, scope, id, true);
      if (clock.advancing_to === null || new Date(clock.advancing_to).getTime() !== frozenTime.getTime()) {
        throw invalidRequest('clock_advance_interrupted', `This advance of test clock ${id} was taken over by another one (its node stopped answering for ${LEASE_SECONDS} s). Read the clock and advance it again.`);
      }
      const started = Date.now();
      let reached: Date | undefined;
      for (let ran = 0; ran < STEP_TRANSITIONS && Date.now() - started < STEP_MS; ran += 1) {
        const [row] = await tx.query<SubscriptionRow & { due_at: Date }>(
          `${SUBSCRIPTION_SELECT} WHERE s.test_clock_id = $1 AND s.due_at <= $2 ORDER BY s.due_at, s.id LIMIT 1 FOR UPDATE OF s`,
          [id, frozenTime],
        );
        if (!row) {
          const done = await tx.query<TestClockRow>(
            `UPDATE test_clocks SET frozen_time = $2, advancing_to = NULL, advance_lease_until = NULL WHERE id = $1 RETURNING *`,
            [id, frozenTime],
          );
          return done[0]!;
        }
        reached = new Date(row.due_at);
        if (await this.#lifecycle.runClaimed(tx, row, frozenTime)) break;
      }
      await tx.query(
        `UPDATE test_clocks SET frozen_time = GREATEST(frozen_time, $2::timestamptz), advance_lease_until = now() + make_interval(secs => ${LEASE_SECONDS}) WHERE id = $1`,
        [id, reached],
      );
      return undefined;
    });
  }

  async #row(db: Queryable, scope: MerchantScope, id: string, forUpdate = false): Promise<TestClockRow> {
    const sql = `SELECT *, (advancing_to IS NOT NULL AND advance_lease_until > now()) AS advancing FROM test_clocks WHERE merchant_id = $1 AND mode = $2 AND id = $3`;
    const rows = await db.query<TestClockRow>(forUpdate ? `${sql} FOR UPDATE` : sql, [scope.merchantId, scope.mode, id]);
    if (!rows[0]) throw notFound('test_clock', id);
    return rows[0];
  }
}

function assertForward(current: Date, target: Date): void {
  if (target <= current) {
    throw invalidRequest('clock_not_forward', `A test clock only moves forward: frozenTime must be after ${current.toISOString()}.`, 'frozenTime');
  }
  if (target > addInterval(current, 'year', MAX_ADVANCE_YEARS)) {
    throw invalidRequest('clock_advance_too_far', `Advance a test clock at most ${MAX_ADVANCE_YEARS} years at once (to ${addInterval(current, 'year', MAX_ADVANCE_YEARS).toISOString()}).`, 'frozenTime');
  }
}
