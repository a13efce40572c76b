import { ConfigurationError, ConnectionError } from '@billingos/node';
import { HttpException, Logger } from '@nestjs/common';
import { toSessionHttpError } from '../src/session/session-error';

afterEach(() => jest.restoreAllMocks());

test('a configuration mistake answers a generic 500 and logs the fix for the merchant', () => {
  const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  const answer = toSessionHttpError(new ConfigurationError({ code: 'missing_secret_key', message: 'No BillingOS secret key: set BILLINGOS_SECRET_KEY.' })) as HttpException;
  expect(answer.getStatus()).toBe(500);
  expect(JSON.stringify(answer.getResponse())).not.toContain('BILLINGOS_SECRET_KEY');
  expect(answer.getResponse()).toEqual({ error: expect.objectContaining({ code: 'route_misconfigured' }) });
  expect(logged).toHaveBeenCalledWith(expect.stringContaining('BILLINGOS_SECRET_KEY'));
});

test('BillingOS out of reach answers 502 generically and logs what happened', () => {
  const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const answer = toSessionHttpError(new ConnectionError({ message: 'Could not reach https://api.example.test/v1/session-tokens' })) as HttpException;
  expect(answer.getStatus()).toBe(502);
  expect(JSON.stringify(answer.getResponse())).not.toContain('api.example.test');
  expect(warned).toHaveBeenCalledWith(expect.stringContaining('api.example.test'));
});
