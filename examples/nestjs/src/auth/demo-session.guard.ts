import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type RequestWithUser, SESSION_COOKIE } from './demo-user';

/**
 * Stand-in for your real auth (Passport, JWT, sessions): sets `req.user` from the demo
 * cookie. It never rejects; routes decide what an anonymous caller gets.
 */
@Injectable()
export class DemoSessionGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const userId = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (userId) request.user = { id: userId };
    return true;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  const pair = header?.split(';').map((part) => part.trim().split('=')).find(([key]) => key === name);
  return pair?.[1] ? decodeURIComponent(pair[1]) : undefined;
}
