/** Deeper bodies are refused: no BillingOS request nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/** `path` is the dotted path to the value; `field` the top-level field it is under. */
export type JsonShapeProblem = { kind: 'too_deep' } | { kind: 'nul'; path: string; field: string };

/**
 * Finds what storage and the request fingerprint cannot take in a parsed JSON value: nesting
 * deeper than `MAX_JSON_DEPTH`, or the NUL character (U+0000) in a key or string, which
 * PostgreSQL cannot store. Iterative, so any depth is safe to inspect.
 */
export function jsonShapeProblem(value: unknown): JsonShapeProblem | undefined {
  const stack: { value: unknown; depth: number; path: string; field: string }[] = [{ value, depth: 0, path: '', field: '' }];
  while (stack.length > 0) {
    const { value: item, depth, path, field } = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return { kind: 'nul', path, field };
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { kind: 'too_deep' };
    for (const [key, child] of Object.entries(item)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const childField = depth === 0 ? key : field;
      if (key.includes('\u0000')) return { kind: 'nul', path: childPath, field: childField };
      stack.push({ value: child, depth: depth + 1, path: childPath, field: childField });
    }
  }
  return undefined;
}
