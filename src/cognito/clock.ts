/**
 * Server time as learned from HTTP `Date` headers. Cognito checks the signed TIMESTAMP against
 * its own clock and TOTP codes against 30-second steps, so a device whose clock is minutes off
 * fails to sign in; the offset from the server's `Date` header corrects that.
 */
const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

// The three HTTP-date forms recipients must accept (RFC 9110 §5.6.7). Parsed by hand because
// Date.parse accepts almost anything ("5" is a date in V8) and a junk header must be ignored.
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850 = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function utc(year: number, month: string, day: number, h: number, m: number, s: number): number | null {
  const mon = MONTHS[month];
  if (mon === undefined || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return null;
  const ms = Date.UTC(year, mon, day, h, m, Math.min(s, 59));
  // Reject impossible dates such as 31 Feb, which Date.UTC would roll into March.
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** Milliseconds since the epoch of an HTTP-date, or null if it is not one. */
export function parseHttpDate(value: string): number | null {
  const v = value.trim();
  let m = IMF_FIXDATE.exec(v);
  if (m) return utc(+m[3]!, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
  m = RFC850.exec(v);
  if (m) {
    // Two-digit years: RFC 9110 says to read one more than 50 years ahead as the past century.
    const yy = +m[3]!;
    const thisYear = new Date().getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + yy;
    if (year > thisYear + 50) year -= 100;
    return utc(year, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
  }
  m = ASCTIME.exec(v);
  if (m) return utc(+m[6]!, m[1]!, +m[2]!.trim(), +m[3]!, +m[4]!, +m[5]!);
  return null;
}

/**
 * The largest server-minus-local offset applied: 15 minutes. A computer synchronised by NTP is
 * within a second; one set by hand within minutes. 15 minutes is also the skew AWS itself still
 * accepts for signed requests (SigV4 answers RequestTimeTooSkewed beyond it). A server that
 * claims more is broken or hostile: honouring it would shift the codes by hours.
 */
export const MAX_CLOCK_OFFSET_MS = 15 * 60_000;

/** Whether an offset (ms) is one this extension applies. */
export function isAcceptableClockOffset(offsetMs: number): boolean {
  return Number.isFinite(offsetMs) && Math.abs(offsetMs) <= MAX_CLOCK_OFFSET_MS;
}

/** What one Date header said: the offset it implies, and whether it was applied (within the bound). */
export interface ClockObservation {
  /** Server time minus local time, ms, as the header implies. */
  offsetMs: number;
  /** false: beyond MAX_CLOCK_OFFSET_MS, so ignored. */
  applied: boolean;
  /** Local epoch ms of the observation. */
  at: number;
}

export class ServerClock {
  /** Server time minus local time, in milliseconds; always within MAX_CLOCK_OFFSET_MS. */
  offsetMs: number;
  /** The latest observation, applied or not (the caller keeps and reports it). */
  lastObservation: ClockObservation | undefined;

  /** A starting offset beyond the bound (or not a number) is not applied: the clock starts at 0. */
  constructor(offsetMs = 0) {
    this.offsetMs = isAcceptableClockOffset(offsetMs) ? offsetMs : 0;
  }

  /**
   * Learns the offset from a response's `Date` header. A missing or unparseable header leaves
   * the offset unchanged; so does one implying more than MAX_CLOCK_OFFSET_MS (recorded in
   * `lastObservation` as not applied). The header has whole-second resolution: the server's
   * clock read somewhere in [t, t + 1 s), so the middle of that second is taken (error at most
   * ±0.5 s, instead of a systematic 0-1 s lag). The transport calls this only for a well-formed
   * successful answer.
   */
  observe(dateHeader: string | null, localNowMs: number = Date.now()): ClockObservation | undefined {
    if (dateHeader === null) return undefined;
    const serverMs = parseHttpDate(dateHeader);
    if (serverMs === null) return undefined;
    const offsetMs = Math.round(serverMs + 500 - localNowMs);
    const applied = isAcceptableClockOffset(offsetMs);
    if (applied) this.offsetMs = offsetMs;
    this.lastObservation = { offsetMs, applied, at: localNowMs };
    return this.lastObservation;
  }

  /** The best estimate of the server's current time, in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }
}
