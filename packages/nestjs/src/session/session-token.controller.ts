import { type CanActivate, Controller, Get, Header, HttpCode, Inject, Post, Req, Res, type Type, UseGuards } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SessionTokenMinter, type SessionTokenResponse, type SetResponseHeader } from './session-token-minter';

/**
 * A controller class per module instance, so each `forRoot()` chooses its own path.
 * GET and POST both mint, matching whatever the frontend's token source sends.
 */
export function createSessionTokenController(path: string, guards: Array<Type<CanActivate> | CanActivate> = []): Type<unknown> {
  @Controller(path)
  @UseGuards(...guards)
  class BillingOSSessionTokenController {
    readonly #minter: SessionTokenMinter;
    readonly #adapterHost: HttpAdapterHost;

    constructor(@Inject(SessionTokenMinter) minter: SessionTokenMinter, @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost) {
      this.#minter = minter;
      this.#adapterHost = adapterHost;
    }

    @Get()
    @Header('Cache-Control', 'no-store')
    viaGet(@Req() request: unknown, @Res({ passthrough: true }) response: unknown): Promise<SessionTokenResponse> {
      return this.#minter.mint(request, this.#headerSetter(response));
    }

    @Post()
    @HttpCode(200)
    @Header('Cache-Control', 'no-store')
    viaPost(@Req() request: unknown, @Res({ passthrough: true }) response: unknown): Promise<SessionTokenResponse> {
      return this.#minter.mint(request, this.#headerSetter(response));
    }

    #headerSetter(response: unknown): SetResponseHeader {
      return (name, value) => this.#adapterHost.httpAdapter.setHeader(response, name, value);
    }
  }
  return BillingOSSessionTokenController;
}
