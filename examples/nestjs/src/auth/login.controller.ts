import { BadRequestException, Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type RequestWithUser, SESSION_COOKIE } from './demo-user';

/** Demo login: `POST /login { "userId": "alice" }` sets the session cookie. */
@Controller()
export class LoginController {
  @Post('login')
  @HttpCode(204)
  login(@Body() body: { userId?: unknown }, @Res({ passthrough: true }) response: Response): void {
    if (typeof body?.userId !== 'string' || !body.userId) throw new BadRequestException('Send { "userId": "…" }.');
    response.cookie(SESSION_COOKIE, body.userId, { httpOnly: true, sameSite: 'lax', path: '/' });
  }

  @Get('whoami')
  whoami(@Req() request: RequestWithUser) {
    return { user: request.user ?? null };
  }
}
