import { ApiError } from '../errors/api-error';

/** How a server names the customer usage is about: our id or its own user id. */
export type CustomerReference = { customerId: string } | { externalUserId: string };

/** The reference as a column and value, for `WHERE <column> = $n`. */
export function referenceColumn(reference: CustomerReference): { column: 'id' | 'external_user_id'; param: 'customerId' | 'externalUserId'; value: string } {
  return 'customerId' in reference
    ? { column: 'id', param: 'customerId', value: reference.customerId }
    : { column: 'external_user_id', param: 'externalUserId', value: reference.externalUserId };
}

/** Picks the reference out of a validated body (which holds exactly one of the two). */
export function customerReferenceOf(body: { customerId?: string | undefined; externalUserId?: string | undefined }): CustomerReference {
  return body.customerId !== undefined ? { customerId: body.customerId } : { externalUserId: body.externalUserId! };
}

export function customerNotFound(reference: CustomerReference): ApiError {
  const { param, value } = referenceColumn(reference);
  return new ApiError({
    status: 404,
    type: 'not_found_error',
    code: 'resource_missing',
    message: `No customer with ${param} "${value}" exists in this mode. Check it, and that the key's mode (test/live) matches the customer's.`,
    param,
  });
}
