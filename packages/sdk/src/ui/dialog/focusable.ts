// What the dialogs hold (buttons, the pricing table's links); they have no form fields.
const SELECTOR = 'a[href],button:not([disabled]),[tabindex]:not([tabindex="-1"])';

/** The elements inside `container` that Tab reaches, in order. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(SELECTOR));
}

/** Whether focus can go back to `element` (still on the page, not disabled). */
export function canFocus(element: Element | null): element is HTMLElement {
  return !!element && element.isConnected && !(element as HTMLButtonElement).disabled && typeof (element as HTMLElement).focus === 'function';
}
