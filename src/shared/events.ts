// Events the background broadcasts to the pages (runtime.sendMessage, no answer expected).
//
// Pure module: no browser APIs, so node tests and both ends can import it.

/**
 * The vault was locked (auto-lock alarm, idle lock, the lock button) or opened. Pages drop what
 * they show on a lock. Carries nothing else, so a page can accept it from any extension context.
 */
export interface LockStateEvent { event: 'lock-state'; locked: boolean }

export function isLockStateEvent(message: unknown): message is LockStateEvent {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.event === 'lock-state' && typeof m.locked === 'boolean' && Object.keys(m).length === 2;
}
