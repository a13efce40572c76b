/** An error response in the BillingOS shape; like every session-route answer, never cached. */
export function jsonError(status: number, type: string, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { type, code, message } }), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}
