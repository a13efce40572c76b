/** `GET /v1/me` of the BillingOS API with a session token: whose billing the token opens. */
export async function me(apiUrl: string, sessionToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${apiUrl}/v1/me`, { headers: { authorization: `Bearer ${sessionToken}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
