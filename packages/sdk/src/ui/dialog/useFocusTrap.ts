'use client';
import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { canFocus, focusableIn } from './focusable';

/**
 * Moves focus into the dialog (to its `[data-autofocus]` element, else the first focusable one),
 * keeps Tab and Shift+Tab inside it, closes it on Escape, and gives focus back to the element
 * that opened it.
 */
export function useFocusTrap(panel: RefObject<HTMLElement | null>, onEscape: () => void) {
  const onEscapeRef = useRef(onEscape);
  onEscapeRef.current = onEscape;

  // A layout effect: focus moves in, and back, in the commit that shows or removes the dialog,
  // never a frame later with focus left on <body> in between (a passive cleanup runs after the
  // dialog is already gone from the page).
  useLayoutEffect(() => {
    const opener = document.activeElement;
    const element = panel.current;
    if (element) (element.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(element)[0] ?? element).focus();
    return () => {
      if (canFocus(opener)) opener.focus();
    };
  }, [panel]);

  return (event: KeyboardEvent<HTMLElement>) => {
    const element = panel.current;
    if (!element) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      onEscapeRef.current();
    } else if (event.key === 'Tab') {
      event.stopPropagation();
      const items = focusableIn(element);
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      if (!first || !last) {
        event.preventDefault();
      } else if (event.shiftKey && (active === first || active === element)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };
}
