import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { Allow, RequireOperation } from '../auth/allow.decorator';
import type { CustomerView } from '../auth/credential';
import { Viewer } from '../auth/request-context';
import { UsageRepository } from '../usage/usage.repository';
import { checkMyEntitlementBody } from '../usage/usage.schemas';
import type { CheckMyEntitlementBody } from '../usage/usage.schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { entitlementCheckSchema } from '../entitlements/entitlement.schemas';

/** `POST /v1/me/entitlements/check`: the token's customer asks, never counts (tracking belongs on the merchant's server). */
@Controller('v1/me/entitlements/check')
@Allow('session', 'publishable')
export class MyEntitlementCheckController {
  readonly #usage: UsageRepository;

  constructor(@Inject(UsageRepository) usage: UsageRepository) {
    this.#usage = usage;
  }

  @Post()
  @HttpCode(200)
  @RequireOperation('read_entitlements')
  @ApiOperation({ summary: "Check a feature for the token's customer (never tracks)", body: checkMyEntitlementBody, response: entitlementCheckSchema })
  check(@Viewer() viewer: CustomerView, @Body(new ZodValidationPipe(checkMyEntitlementBody)) body: CheckMyEntitlementBody) {
    return this.#usage.check(viewer, { customerId: viewer.customerId }, body.featureKey, body.requiredBalance, false);
  }
}
