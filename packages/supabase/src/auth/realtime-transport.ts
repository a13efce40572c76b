/** A WebSocket constructor as supabase-js's `realtime.transport` option takes it. */
type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

/**
 * supabase-js builds a Realtime client in `createClient()` and, on Node 20 (no global
 * `WebSocket`), throws there unless it is given a transport. The session route never opens a
 * channel, but it must get past construction: Node 20 gets `ws`, loaded only then, so Edge
 * runtimes, Deno, Bun and Node 22+ (which all have a global `WebSocket`) never load it.
 */
export async function realtimeTransport(): Promise<WebSocketConstructor | undefined> {
  if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function') return undefined;
  const ws = (await import('ws')) as { default?: WebSocketConstructor; WebSocket?: WebSocketConstructor };
  return ws.WebSocket ?? ws.default;
}
