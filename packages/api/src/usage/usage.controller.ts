import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { customerReferenceOf } from './customer-reference';
import { UsageRepository } from './usage.repository';
import { checkEntitlementBody, recordUsageBody } from './usage.schemas';
import type { CheckEntitlementBody, RecordUsageBody } from './usage.schemas';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { entitlementCheckSchema, usageRecordSchema } from '../entitlements/entitlement.schemas';

/** `POST /v1/entitlements/check` and `POST /v1/usage`: the merchant's server, secret key only. */
@Controller('v1')
@Allow('secret')
export class UsageController {
  readonly #usage: UsageRepository;

  constructor(@Inject(UsageRepository) usage: UsageRepository) {
    this.#usage = usage;
  }

  @Post('entitlements/check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check (and optionally track) a feature for a customer', body: checkEntitlementBody, response: entitlementCheckSchema })
  check(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(checkEntitlementBody)) body: CheckEntitlementBody) {
    return this.#usage.check(caller, customerReferenceOf(body), body.featureKey, body.requiredBalance, body.track);
  }

  @Post('usage')
  @ApiOperation({ summary: 'Record usage of a metered feature', body: recordUsageBody, response: usageRecordSchema })
  record(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(recordUsageBody)) body: RecordUsageBody) {
    return this.#usage.record(caller, customerReferenceOf(body), body.featureKey, body.value);
  }
}
