/**
 * The one polling loop of the browser harness and the suites that use it: wait until something
 * the browser shows becomes true, and fail with a sentence that says what never happened (and,
 * where the caller can tell, what was seen instead). A hand-rolled `for (;;) { …; sleep }` loop
 * elsewhere is a copy of this one.
 */
export interface UntilOptions {
  /** give up after this long (default 15 s) */
  timeoutMs?: number;
  /** pause between checks (default 150 ms) */
  intervalMs?: number;
  /** a check that throws counts as "not yet" instead of failing the wait (a page between documents) */
  retryErrors?: boolean;
  /** what was seen instead, appended to the timeout message */
  lastSeen?: () => string;
}

/** Polls `check` until it returns a value other than undefined/false, and returns that value. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, options: UntilOptions | number = {}): Promise<T> {
  const { timeoutMs = 15_000, intervalMs = 150, retryErrors = false, lastSeen } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (!retryErrors) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastSeen ? `; last seen: ${lastSeen()}` : '';
      const failed = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}${failed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
