interface DenoEnv {
  Deno?: { env?: { get(name: string): string | undefined } };
}

/**
 * One environment variable, read at call time: `process.env` on Node, Bun, Next.js (both
 * runtimes) and Deno 2, else `Deno.env` (Supabase Edge Functions). Blank counts as missing.
 */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name] ?? readDenoEnv(name);
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The first of `names` that is set, so documented aliases work in order of preference. */
export function readFirstEnv(names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = readEnv(name);
    if (value) return value;
  }
  return undefined;
}

function readDenoEnv(name: string): string | undefined {
  try {
    return (globalThis as DenoEnv).Deno?.env?.get(name);
  } catch {
    // Deno without --allow-env throws instead of answering; that variable is simply unavailable.
    return undefined;
  }
}
