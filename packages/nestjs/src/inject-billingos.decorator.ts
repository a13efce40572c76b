import { BillingOS } from '@billingos/node';
import { Inject } from '@nestjs/common';

/**
 * Injects the module's `BillingOS` client. Same instance as injecting the `BillingOS` class;
 * use it where constructor types are not emitted (e.g. bundlers without decorator metadata).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class BillingService {
 *   constructor(@InjectBillingOS() private readonly billing: BillingOS) {}
 *
 *   customersOf(userId: string) {
 *     return this.billing.customers.list({ externalUserId: userId });
 *   }
 * }
 * ```
 */
export function InjectBillingOS(): PropertyDecorator & ParameterDecorator {
  return Inject(BillingOS);
}
