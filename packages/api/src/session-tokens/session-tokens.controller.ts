import { Body, Controller, Inject, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { DEFAULT_OPERATIONS } from '../auth/credential';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { CustomersRepository } from '../customers/customers.repository';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { SessionTokenSigner } from './session-token-signer';
import { createSessionTokenBody } from './session-token.schemas';
import type { CreateSessionTokenBody } from './session-token.schemas';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { sessionTokenSchema } from './session-token.schemas';

/**
 * `POST /v1/session-tokens`: a merchant's backend mints a short-lived token for its logged-in
 * user. The token's customer is the organization's when the mint names one (B2B), else the
 * user's own; `sub` stays the user either way.
 */
@Controller('v1/session-tokens')
@Allow('secret')
export class SessionTokensController {
  readonly #customers: CustomersRepository;
  readonly #signer: SessionTokenSigner;

  constructor(@Inject(CustomersRepository) customers: CustomersRepository, @Inject(SessionTokenSigner) signer: SessionTokenSigner) {
    this.#customers = customers;
    this.#signer = signer;
  }

  @Post()
  @ApiOperation({ summary: 'Mint a session token for one of your users', body: createSessionTokenBody, response: sessionTokenSchema })
  async create(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(createSessionTokenBody)) body: CreateSessionTokenBody) {
    const owner = body.externalOrganizationId !== undefined ? { externalOrganizationId: body.externalOrganizationId } : { externalUserId: body.externalUserId };
    const customer = await this.#customers.upsert(caller, owner);
    const { token, expiresAt } = await this.#signer.sign(
      {
        merchantId: caller.merchantId,
        mode: caller.mode,
        customerId: customer.id,
        externalUserId: body.externalUserId,
        organizationId: body.externalOrganizationId,
        operations: body.allowedOperations ?? DEFAULT_OPERATIONS,
        metadata: body.metadata,
      },
      body.expiresIn,
    );
    return { sessionToken: token, expiresAt: expiresAt.toISOString(), customerId: customer.id };
  }
}
