import { BillingOS, InvalidRequestError, Transport } from '@billingos/node';
import type { Timestamp } from '@billingos/node';

/** Records every body the SDK would send and answers a clock. */
class RecordingTransport extends Transport {
  readonly bodies: unknown[] = [];

  async send(request: Request): Promise<Response> {
    this.bodies.push(await request.json());
    return Response.json({ id: 'clock_1', object: 'test_clock' });
  }
}

const transport = new RecordingTransport();
const billing = new BillingOS({ secretKey: 'sk_test_clocktime000000000000000', apiUrl: 'http://api.test', transport });
beforeEach(() => {
  transport.bodies.length = 0;
});

test.each<[string, Timestamp, string | number]>([
  ['a Date as ISO-8601', new Date('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z'],
  ['a string as given', '2026-01-01T01:00:00+01:00', '2026-01-01T01:00:00+01:00'],
  ['unix seconds as given', 1_767_225_600, 1_767_225_600],
])('frozenTime: %s', async (_, frozenTime, sent) => {
  await billing.testClocks.create({ frozenTime, name: 'n' });
  await billing.testClocks.advance('clock_1', { frozenTime });
  expect(transport.bodies).toEqual([{ frozenTime: sent, name: 'n' }, { frozenTime: sent }]);
});

test.each<[string, unknown, string]>([
  ['milliseconds', Date.now(), 'looks like milliseconds'],
  ['an invalid Date', new Date('nope'), 'an invalid Date'],
  ['a fraction of a second', 1.5, 'unix seconds'],
  ['a negative number', -1, 'unix seconds'],
  ['an empty string', '', 'unix seconds'],
  ['nothing', undefined, 'unix seconds'],
])('refuses %s before any request', async (_, frozenTime, hint) => {
  const error = await billing.testClocks.advance('clock_1', { frozenTime: frozenTime as Timestamp }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(error).toMatchObject({ param: 'frozenTime', code: frozenTime === undefined ? 'parameter_missing' : 'parameter_invalid', message: expect.stringContaining(hint) });
  expect(transport.bodies).toEqual([]);
});
