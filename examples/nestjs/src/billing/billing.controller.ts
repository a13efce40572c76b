import { BillingOS, InjectBillingOS } from '@billingos/nestjs';
import { Controller, Get, Req, UnauthorizedException } from '@nestjs/common';
import type { RequestWithUser } from '../auth/demo-user';
import { BillingEvents } from './billing-events';

@Controller('billing')
export class BillingController {
  constructor(
    @InjectBillingOS() private readonly billing: BillingOS,
    private readonly events: BillingEvents,
  ) {}

  /** The latest verified webhook events, for the demo (and its test). */
  @Get('events')
  recentEvents() {
    return { events: this.events.recent };
  }

  /** Server-side use of the client: the logged-in user's BillingOS customer record. */
  @Get('customer')
  async customer(@Req() request: RequestWithUser) {
    if (!request.user) throw new UnauthorizedException('Log in first: POST /login { "userId": "…" }.');
    const page = await this.billing.customers.list({ externalUserId: request.user.id });
    return { customer: page.data[0] ?? null };
  }
}
