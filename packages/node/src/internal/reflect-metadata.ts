// The part of the Reflect metadata API that tsyringe and TypeScript's decorator metadata use,
// installed only where no polyfill exists yet. reflect-metadata (which NestJS loads) keeps
// working when it loads later: it adopts an existing polyfill's entries as its fallback.
type Target = object;
type Key = string | symbol | undefined;

const store = new WeakMap<Target, Map<Key, Map<unknown, unknown>>>();

function table(target: Target, property: Key, create: boolean): Map<unknown, unknown> | undefined {
  let byProperty = store.get(target);
  if (!byProperty && create) store.set(target, (byProperty = new Map()));
  let entries = byProperty?.get(property);
  if (!entries && create) byProperty!.set(property, (entries = new Map()));
  return entries;
}

function chain(target: Target | null): Target[] {
  const targets: Target[] = [];
  for (let current = target; current !== null; current = Object.getPrototypeOf(current) as Target | null) targets.push(current);
  return targets;
}

const api = {
  defineMetadata(key: unknown, value: unknown, target: Target, property?: Key): void {
    table(target, property, true)!.set(key, value);
  },
  hasOwnMetadata: (key: unknown, target: Target, property?: Key): boolean => table(target, property, false)?.has(key) ?? false,
  getOwnMetadata: (key: unknown, target: Target, property?: Key): unknown => table(target, property, false)?.get(key),
  getOwnMetadataKeys: (target: Target, property?: Key): unknown[] => [...(table(target, property, false)?.keys() ?? [])],
  deleteMetadata: (key: unknown, target: Target, property?: Key): boolean => table(target, property, false)?.delete(key) ?? false,
  hasMetadata: (key: unknown, target: Target, property?: Key): boolean => chain(target).some((t) => api.hasOwnMetadata(key, t, property)),
  getMetadata(key: unknown, target: Target, property?: Key): unknown {
    return api.getOwnMetadata(key, chain(target).find((t) => api.hasOwnMetadata(key, t, property)) ?? target, property);
  },
  getMetadataKeys: (target: Target, property?: Key): unknown[] => [...new Set(chain(target).flatMap((t) => api.getOwnMetadataKeys(t, property)))],
  metadata:
    (key: unknown, value: unknown) =>
    (target: Target, property?: Key): void =>
      api.defineMetadata(key, value, target, property),
};

const reflect = Reflect as unknown as Record<string, unknown>;
if (typeof reflect.getMetadata !== 'function') {
  for (const [name, fn] of Object.entries(api)) reflect[name] ??= fn;
}
