import { type CanActivate, Controller, Get, Header, HttpCode, Inject, Post, Req, type Type, UseGuards } from '@nestjs/common';
import { SessionTokenMinter, type SessionTokenResponse } from './session-token-minter';

/**
 * A controller class per module instance, so each `forRoot()` chooses its own path.
 * GET and POST both mint, matching whatever the frontend's token source sends.
 */
export function createSessionTokenController(path: string, guards: Array<Type<CanActivate> | CanActivate> = []): Type<unknown> {
  @Controller(path)
  @UseGuards(...guards)
  class BillingOSSessionTokenController {
    readonly #minter: SessionTokenMinter;

    constructor(@Inject(SessionTokenMinter) minter: SessionTokenMinter) {
      this.#minter = minter;
    }

    @Get()
    @Header('Cache-Control', 'no-store')
    viaGet(@Req() request: unknown): Promise<SessionTokenResponse> {
      return this.#minter.mint(request);
    }

    @Post()
    @HttpCode(200)
    @Header('Cache-Control', 'no-store')
    viaPost(@Req() request: unknown): Promise<SessionTokenResponse> {
      return this.#minter.mint(request);
    }
  }
  return BillingOSSessionTokenController;
}
