import { TokenManager } from '../../src/core/tokens/TokenManager';
import type { TokenSource } from '../../src/core/tokens/TokenSource';

/** A started manager with no cross-tab channel, whose resume events the test fires by hand. */
export function startedManager(source: TokenSource) {
  const resumeListeners = new Set<() => void>();
  const manager = new TokenManager(source, {
    createChannel: false,
    resumeEvents: (callback) => {
      resumeListeners.add(callback);
      return () => resumeListeners.delete(callback);
    },
  });
  const stop = manager.start();
  return { manager, stop, resume: () => resumeListeners.forEach((listener) => listener()) };
}

export const MINUTE = 60_000;
