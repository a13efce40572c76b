/**
 * The `digest` prefixes Next.js gives the errors it throws to steer rendering: `redirect()`,
 * `notFound()` / `forbidden()` / `unauthorized()` (14 and 15+), dynamic usage during a
 * prerender, client-side-rendering bailouts, interrupted prerenders and hanging request promises.
 */
const NEXT_DIGESTS = [
  'NEXT_REDIRECT',
  'NEXT_NOT_FOUND',
  'NEXT_HTTP_ERROR_FALLBACK',
  'DYNAMIC_SERVER_USAGE',
  'BAILOUT_TO_CLIENT_SIDE_RENDERING',
  'NEXT_PRERENDER_INTERRUPTED',
  'HANGING_PROMISE_REJECTION',
  'NEXT_DYNAMIC_NO_SSR_CODE',
];

const REACT_POSTPONE = Symbol.for('react.postpone');

/**
 * Whether `error` is a framework's control-flow signal rather than a failure: Next.js's
 * `redirect()`, `notFound()`, dynamic-usage and prerender-bailout errors, and React's postpone.
 * Routes re-throw these untouched so the framework can act on them, and never log them.
 *
 * @example
 * try {
 *   identity = await extractUser(request);
 * } catch (error) {
 *   if (isFrameworkControlFlow(error)) throw error;
 *   return failure(error);
 * }
 */
export function isFrameworkControlFlow(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { digest, $$typeof, message, code } = error as Record<string, unknown>;
  if ($$typeof === REACT_POSTPONE) return true;
  if (code === 'NEXT_STATIC_GEN_BAILOUT') return true;
  if (typeof digest === 'string' && NEXT_DIGESTS.some((prefix) => digest === prefix || digest.startsWith(`${prefix};`))) return true;
  return typeof message === 'string' && isDynamicPostponeMessage(message);
}

/** Next's postpone reason (partial prerendering), recognisable only by its fixed phrases. */
function isDynamicPostponeMessage(message: string): boolean {
  return (
    message.includes('needs to bail out of prerendering at this point because it used') &&
    message.includes('nextjs.org/docs/messages/ppr-caught-error')
  );
}
