/**
 * The validated configuration of one `BillingOS` instance: the injection token plugins and
 * custom providers use to read it (`@inject(ResolvedConfig) config: ResolvedConfig`).
 */
export abstract class ResolvedConfig {
  abstract readonly secretKey: string;
  abstract readonly apiUrl: string;
  abstract readonly timeout: number;
  abstract readonly maxRetries: number;
  abstract readonly webhookSecret: string | undefined;
  abstract readonly mode: 'test' | 'live';
}
