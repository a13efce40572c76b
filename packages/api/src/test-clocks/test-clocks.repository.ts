import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { invalidRequest, notFound } from '../errors/errors';
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
import type { TestClock, TestClockRow } from './test-clock';

/** How far one advance may move a clock: enough for any billing story, bounded work per request. */
const MAX_ADVANCE_YEARS = 5;

/** Test clocks of one merchant's test mode. */
@Injectable()
export class TestClocksRepository {
  readonly #db: Database;
  readonly #lifecycle: SubscriptionLifecycle;

  constructor(@Inject(Database) db: Database, @Inject(SubscriptionLifecycle) lifecycle: SubscriptionLifecycle) {
    this.#db = db;
    this.#lifecycle = lifecycle;
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
    const query = paginate('SELECT * FROM test_clocks WHERE merchant_id = $1 AND mode = $2', [scope.merchantId, scope.mode], page);
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
   * One transaction holding the clock's lock: two advances of one clock run one after the other,
   * and a failure leaves the clock where it was.
   */
  async advance(scope: MerchantScope, id: string, frozenTime: Date): Promise<TestClock> {
    return this.#db.transaction(async (tx) => {
      const clock = await this.#row(tx, scope, id, true);
      assertForward(new Date(clock.frozen_time), frozenTime);
      while (await this.#runNext(tx, id, frozenTime));
      const rows = await tx.query<TestClockRow>('UPDATE test_clocks SET frozen_time = $2 WHERE id = $1 RETURNING *', [id, frozenTime]);
      return toTestClock(rows[0]!);
    });
  }

  async #runNext(tx: Queryable, clockId: string, until: Date): Promise<boolean> {
    const [row] = await tx.query<SubscriptionRow>(
      `${SUBSCRIPTION_SELECT} WHERE s.test_clock_id = $1 AND s.due_at <= $2 ORDER BY s.due_at, s.id LIMIT 1 FOR UPDATE OF s`,
      [clockId, until],
    );
    if (!row) return false;
    await this.#lifecycle.runClaimed(tx, row, until);
    return true;
  }

  async #row(db: Queryable, scope: MerchantScope, id: string, forUpdate = false): Promise<TestClockRow> {
    const sql = 'SELECT * FROM test_clocks WHERE merchant_id = $1 AND mode = $2 AND id = $3';
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
