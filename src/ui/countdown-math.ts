/**
 * Time arithmetic for the code countdowns, kept apart from the DOM so it can be tested.
 * `expiresAt` comes from the background (server-clock corrected); `nowMs` is the page's clock,
 * which is the same machine's clock, so both are in epoch milliseconds.
 */

export interface CountdownState {
  /** Whole seconds until the code changes, rounded up: shows "1" until the very end. */
  secondsLeft: number;
  /** 1 right after a code appears, falling to 0 when it expires (drives the ring/bar). */
  fractionLeft: number;
  expired: boolean;
}

export function countdownState(expiresAt: number, periodSeconds: number, nowMs: number): CountdownState {
  if (!(periodSeconds > 0)) throw new RangeError(`The period must be a positive number of seconds, got ${periodSeconds}`);
  const msLeft = expiresAt - nowMs;
  if (msLeft <= 0) return { secondsLeft: 0, fractionLeft: 0, expired: true };
  const fraction = msLeft / (periodSeconds * 1000);
  return { secondsLeft: Math.ceil(msLeft / 1000), fractionLeft: Math.min(1, fraction), expired: false };
}

/** Seconds left at which screen readers hear a warning; more often would drown out everything else. */
const ANNOUNCE_AT_SECONDS = [10] as const;

/**
 * Whether the count crossed an announcement threshold between two ticks. Ticks may skip a second
 * when the page is busy, so this checks the crossing rather than equality.
 */
export function crossedAnnouncement(previousSeconds: number, currentSeconds: number): number | undefined {
  // A row that has not ticked yet (Infinity) did not "cross" anything: it just appeared.
  if (!Number.isFinite(previousSeconds)) return undefined;
  return ANNOUNCE_AT_SECONDS.find((mark) => previousSeconds > mark && currentSeconds <= mark && currentSeconds > 0);
}
