const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/**
 * A boolean environment variable, strictly: `1/true/yes/on` or `0/false/no/off` (any case);
 * unset or empty is `undefined`; anything else stops start-up with the variable's name.
 *
 * @example
 * parseBooleanEnv('TRUST_PROXY', process.env.TRUST_PROXY) // 'FALSE' → false, 'maybe' → throws
 */
export function parseBooleanEnv(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const normalised = value.trim().toLowerCase();
  if (TRUE.has(normalised)) return true;
  if (FALSE.has(normalised)) return false;
  throw new Error(`${name} must be true or false (also 1/0, yes/no, on/off), got "${value}".`);
}
