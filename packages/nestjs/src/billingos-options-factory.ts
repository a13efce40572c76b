import type { BillingOSClientOptions } from './billingos-module-options';

/**
 * Implement it on a class passed as `useClass` / `useExisting` to `forRootAsync()`.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class BillingOSConfig implements BillingOSOptionsFactory {
 *   constructor(private readonly config: ConfigService) {}
 *   createBillingOSOptions() {
 *     return { secretKey: this.config.getOrThrow('BILLINGOS_SECRET_KEY') };
 *   }
 * }
 * ```
 */
export interface BillingOSOptionsFactory {
  createBillingOSOptions(): BillingOSClientOptions | Promise<BillingOSClientOptions>;
}
