import { AuthProvider, type AuthIdentity } from '@billingos/nestjs';
import { Injectable } from '@nestjs/common';
import type { RequestWithUser } from './demo-user';

/** Tells BillingOS who is logged in: whoever the app's guard put on `req.user`. */
@Injectable()
export class RequestUserAuthProvider extends AuthProvider<RequestWithUser> {
  async authenticate(request: RequestWithUser): Promise<AuthIdentity | null> {
    return request.user ? { userId: request.user.id } : null;
  }
}
