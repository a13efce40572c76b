import { z } from 'zod';
import { pageQuery, pageSchema } from '../pagination/page';
import { deletedSchema, timestamp } from '../validation/common-schemas';

/** An ISO-8601 time with its offset (`2026-01-31T00:00:00Z`) or unix seconds, as Stripe takes it. */
const TIME_FORMAT = 'must be an ISO-8601 time with its offset, such as "2026-01-31T00:00:00Z", or unix seconds';
const time = z.union(
  [
    z.iso.datetime({ offset: true, error: TIME_FORMAT }).transform((value) => new Date(value)),
    z.number().int().min(0).max(253_402_300_799).transform((seconds) => new Date(seconds * 1000)),
  ],
  { error: TIME_FORMAT },
);

export const createTestClockBody = z.strictObject({
  frozenTime: time,
  name: z.string().min(1).max(255).optional(),
});

export const advanceTestClockBody = z.strictObject({ frozenTime: time });

/** A clock a test-mode merchant moves by hand; customers attached to it live on its time. */
export const testClockSchema = z
  .object({
    id: z.string(),
    object: z.literal('test_clock'),
    name: z.string().nullable(),
    frozenTime: timestamp.meta({ description: "The clock's time." }),
    status: z.enum(['ready', 'advancing']).meta({
      description: '`ready`: every transition due by `frozenTime` has run. `advancing`: an advance is running its transitions; `frozenTime` moves with them.',
    }),
    livemode: z.literal(false),
    createdAt: timestamp,
  })
  .meta({ id: 'TestClock', description: 'A clock you move by hand (test mode only): customers attached to it live on its time.' });

export const testClockListSchema = pageSchema(testClockSchema, 'TestClockList');

export const deletedTestClockSchema = deletedSchema('test_clock', 'DeletedTestClock');

export const listTestClocksQuery = z.strictObject(pageQuery);

export type CreateTestClockBody = z.infer<typeof createTestClockBody>;
export type AdvanceTestClockBody = z.infer<typeof advanceTestClockBody>;
export type ListTestClocksQuery = z.infer<typeof listTestClocksQuery>;
