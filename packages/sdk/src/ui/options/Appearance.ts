import type { CSSProperties } from 'react';

/** The design tokens a merchant can set; each becomes a `--billingos-*` CSS variable. */
export interface AppearanceVariables {
  /** Buttons, the current plan's outline, meters. `--billingos-color-primary` */
  colorPrimary?: string;
  /** Text on primary buttons. `--billingos-color-on-primary` */
  colorOnPrimary?: string;
  /** Cards and dialogs. `--billingos-color-background` */
  colorBackground?: string;
  /** `--billingos-color-text` */
  colorText?: string;
  /** Secondary text. `--billingos-color-text-muted` */
  colorTextMuted?: string;
  /** `--billingos-color-border` */
  colorBorder?: string;
  /** Errors and spent meters. `--billingos-color-danger` */
  colorDanger?: string;
  /** Meters close to their limit. `--billingos-color-warning` */
  colorWarning?: string;
  /** `--billingos-radius`, e.g. `'12px'` */
  borderRadius?: string;
  /** `--billingos-font-family` */
  fontFamily?: string;
  /** The base size every other size scales from. `--billingos-font-size` */
  fontSize?: string;
}

/**
 * How the components look: a colour scheme and the variables that override the stylesheet's.
 *
 * @example
 * <PricingTable appearance={{ theme: 'dark', variables: { colorPrimary: '#7c3aed', borderRadius: '14px' } }} />
 */
export interface Appearance {
  /**
   * `auto` follows the visitor's system setting (`prefers-color-scheme`).
   * @default 'auto'
   */
  theme?: 'auto' | 'light' | 'dark';
  variables?: AppearanceVariables;
}

/** `colorPrimary` → `--billingos-color-primary`. */
const cssName = (name: string) => `--billingos-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The inline style that sets an appearance's variables. */
export function appearanceStyle(variables: AppearanceVariables = {}): CSSProperties {
  const style: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) if (value) style[cssName(name)] = value;
  return style as CSSProperties;
}
