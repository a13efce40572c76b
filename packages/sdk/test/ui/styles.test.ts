/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Rule {
  selector: string;
  declarations: Map<string, string>;
}

/** The stylesheet's style rules (inside @media too), each with its declarations; @keyframes left out. */
function rules(css: string): Rule[] {
  const found: Rule[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const walk = (body: string) => {
    for (let at = 0; at < body.length; ) {
      const open = body.indexOf('{', at);
      if (open === -1) break;
      const selector = body.slice(at, open).trim();
      let depth = 1;
      let close = open + 1;
      for (; depth > 0; close += 1) depth += body[close] === '{' ? 1 : body[close] === '}' ? -1 : 0;
      const inner = body.slice(open + 1, close - 1);
      if (selector.startsWith('@media') || selector.startsWith('@supports')) walk(inner);
      else if (!selector.startsWith('@')) {
        const declarations = new Map(
          inner
            .split(';')
            .map((declaration) => declaration.split(/:(.*)/s).map((part) => part.trim()) as [string, string])
            .filter(([name]) => name),
        );
        found.push({ selector, declarations });
      }
      at = close;
    }
  };
  walk(text);
  return found;
}

const stylesheet = rules(readFileSync(join(__dirname, '../../src/ui/styles.css'), 'utf8'));

test("the theme's text colours are set only where the theme's background is painted too", () => {
  const textColours = stylesheet.filter(({ declarations }) => /var\(--billingos-color-text(-muted)?\)/.test(declarations.get('color') ?? ''));
  expect(textColours.length).toBeGreaterThan(5);
  // Muted text is a shade for inside a surface; the main text colour comes with a background.
  const unpainted = textColours.filter(({ declarations }) => declarations.get('color') === 'var(--billingos-color-text)' && !declarations.has('background'));
  expect(unpainted.map((rule) => rule.selector)).toEqual([]);
  // The root's background is the page's: it sets the variables, never a text colour.
  expect(stylesheet.filter((rule) => rule.selector.startsWith('.billingos-root') && !/\s/.test(rule.selector) && rule.declarations.has('color'))).toEqual([]);
});

test('a UsageMeter on its own is a surface: the background and the text of its theme', () => {
  const surface = stylesheet.find((rule) => rule.selector.split(',').map((part) => part.trim()).includes('.billingos-usage-meter') && rule.declarations.has('background'));
  expect(surface?.declarations.get('background')).toBe('var(--billingos-color-background)');
  expect(surface?.declarations.get('color')).toBe('var(--billingos-color-text)');
});
