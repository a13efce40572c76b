import { BillingOS, InjectBillingOS } from '@billingos/nestjs';
import { type EntitlementCheck, isBillingOSError } from '@billingos/node';
import { Controller, Get, HttpCode, HttpException, HttpStatus, Post, Req, UnauthorizedException } from '@nestjs/common';
import type { RequestWithUser } from '../auth/demo-user';

/** The metered feature every plan grants (Starter 20 a month, Pro 100 in the examples' catalog). */
export const AI_CREDITS = 'ai_credits';

/** Your own feature, metered: spent and read with the secret key, never from the browser. */
@Controller('billing')
export class AiCreditsController {
  constructor(@InjectBillingOS() private readonly billing: BillingOS) {}

  /** Checks and counts one AI credit in one step (atomic, idempotent on retry); 402 when none is left. */
  @Post('generate')
  @HttpCode(200)
  async generate(@Req() request: RequestWithUser) {
    const externalUserId = loggedIn(request);
    const check = await this.#check(externalUserId, true);
    if (!check.allowed) throw new HttpException({ error: 'No AI credits left on your plan.', balance: check.balance }, HttpStatus.PAYMENT_REQUIRED);
    return { result: `Idea #${check.usage}: a haiku about invoices.`, balance: check.balance };
  }

  /** The logged-in user's AI credits: `allowed`, `limit`, `usage`, `balance`, `resetsAt` (nothing is counted). */
  @Get('usage')
  async usage(@Req() request: RequestWithUser) {
    const externalUserId = loggedIn(request);
    return this.#check(externalUserId, false);
  }

  /** A user BillingOS has not seen yet (no customer: 404) has no plan, so no credits. */
  async #check(externalUserId: string, track: boolean): Promise<EntitlementCheck> {
    try {
      return await this.billing.entitlements.check({ externalUserId, featureKey: AI_CREDITS, track });
    } catch (error) {
      if (!isBillingOSError(error, 'not_found_error')) throw error;
      return { allowed: false, featureKey: AI_CREDITS, limit: null, usage: null, balance: null, resetsAt: null };
    }
  }
}

function loggedIn(request: RequestWithUser): string {
  if (!request.user) throw new UnauthorizedException('Log in first: POST /login { "userId": "…" }.');
  return request.user.id;
}
