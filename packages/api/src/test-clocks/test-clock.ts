import type { z } from 'zod';
import type { testClockSchema } from './test-clock.schemas';

/** A clock a test-mode merchant moves by hand (see `testClockSchema`). */
export type TestClock = z.infer<typeof testClockSchema>;

export interface TestClockRow {
  [column: string]: unknown;
  id: string;
  name: string | null;
  frozen_time: Date;
  advancing_to: Date | null;
  /** Set by the query that reads the row: whether an advance holds a live lease on it. */
  advancing?: boolean;
  created_at: Date;
}

export function toTestClock(row: TestClockRow): TestClock {
  return {
    id: row.id,
    object: 'test_clock',
    name: row.name,
    frozenTime: new Date(row.frozen_time).toISOString(),
    status: row.advancing ? 'advancing' : 'ready',
    livemode: false,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
