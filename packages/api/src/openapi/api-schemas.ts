import { z } from 'zod';

type NamedSchemas = ReadonlyMap<string, z.core.$ZodType>;

let captured: NamedSchemas | undefined;

/**
 * Remembers the named schemas defined so far: called once the API's modules have loaded (see
 * app.module.ts), they are the API's own. zod keeps one registry per process, on `globalThis`,
 * so a schema the host process names later (a test suite's own `Customer`, say) must neither
 * replace the API's component nor enter its document.
 */
export function captureApiSchemas(): void {
  captured ??= new Map(z.globalRegistry._idmap);
}

/** The API's named schemas (as captured; before that, every named schema), in a registry of their own. */
export function apiSchemaRegistry(): z.core.$ZodRegistry<z.core.GlobalMeta> {
  const registry = z.registry<z.core.GlobalMeta>();
  for (const schema of (captured ?? z.globalRegistry._idmap).values()) registry.add(schema, z.globalRegistry.get(schema)!);
  return registry;
}
