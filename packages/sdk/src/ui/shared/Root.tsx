'use client';
import { useContext, type HTMLAttributes } from 'react';
import { appearanceStyle } from '../options/Appearance';
import { mergeOptions, UIOptionsContext, type UIOptions } from '../options/UIOptions';

interface RootProps extends HTMLAttributes<HTMLElement> {
  options: UIOptions;
  as?: 'div' | 'section';
}

/**
 * The outer element of every component: the `.billingos-root` class the stylesheet is scoped
 * under, the colour scheme, the appearance's variables, and the options its children inherit.
 */
export function Root({ options, as: Element = 'div', className, ...rest }: RootProps) {
  const merged = mergeOptions(useContext(UIOptionsContext), options);
  const { theme = 'auto', variables } = merged.appearance ?? {};
  return (
    <UIOptionsContext.Provider value={merged}>
      <Element {...rest} className={`billingos-root ${className ?? ''}`} data-billingos-theme={theme} style={appearanceStyle(variables)} />
    </UIOptionsContext.Provider>
  );
}

/** Splits a component's props into its UI options and the rest. */
export function splitOptions<P extends UIOptions>({ appearance, localization, locale, timeZone, signInUrl, onCheckout, ...rest }: P): [UIOptions, Omit<P, keyof UIOptions>] {
  return [{ appearance, localization, locale, timeZone, signInUrl, onCheckout }, rest];
}
