const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside HTML text and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/**
 * Escaped `text` whose `code spans` become `<code>`: the only markdown the document's
 * descriptions use.
 *
 * @example inlineMarkdown('`true` in live mode') // '<code>true</code> in live mode'
 */
export function inlineMarkdown(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A fragment id: `anchor('op', 'customers.get')` → `op-customers-get`. */
export function anchor(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
