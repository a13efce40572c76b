/** A clock a test-mode merchant moves by hand; customers attached to it live on its time. */
export interface TestClock {
  id: string;
  object: 'test_clock';
  name: string | null;
  frozenTime: string;
  status: 'ready';
  livemode: false;
  createdAt: string;
}

export interface TestClockRow {
  [column: string]: unknown;
  id: string;
  name: string | null;
  frozen_time: Date;
  created_at: Date;
}

export function toTestClock(row: TestClockRow): TestClock {
  return {
    id: row.id,
    object: 'test_clock',
    name: row.name,
    frozenTime: new Date(row.frozen_time).toISOString(),
    status: 'ready',
    livemode: false,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
