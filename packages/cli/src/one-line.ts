/**
 * `text` as one line of at most `max` characters (then `…`), for a terminal: control characters
 * (newlines, escape sequences a receiver could send) and bidirectional overrides become spaces.
 *
 * @example oneLine('{"error":\n  "bad signature"}') // '{"error": "bad signature"}'
 */
export function oneLine(text: string, max = 200): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
