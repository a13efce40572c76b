/** Subscribes `callback` to "the app is back": returns the unsubscribe function. */
export type ResumeEvents = (callback: () => void) => () => void;

/**
 * The browser's resume events: a hidden tab becoming visible, or the network coming back.
 * Injectable (like TanStack's `focusManager.setEventListener`), so tests and React Native can
 * supply their own. Does nothing where there is no `window` (server rendering).
 */
export const browserResumeEvents: ResumeEvents = (callback) => {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
  const onVisibility = () => document.visibilityState === 'visible' && callback();
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', callback);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('online', callback);
  };
};
