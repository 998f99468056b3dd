/**
 * The TIMESTAMP of PASSWORD_VERIFIER answers. Cognito's Java server parses it with
 * `EEE MMM d HH:mm:ss z yyyy` (English) and signs the *re-formatted* date, so a zero-padded day
 * parses but then fails the signature (NotAuthorized), while a space-padded day or a wrong zone
 * is a format error (InvalidParameter).
 */
import { invalidParameter } from './errors.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const TIMESTAMP_FORMAT_MESSAGE = 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.';

export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${p2(d.getUTCHours())}:${p2(
    d.getUTCMinutes(),
  )}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Parses leniently like SimpleDateFormat (day may be zero-padded, weekday is not cross-checked). */
export function parseTimestamp(ts: string): { ms: number; canonical: string } {
  const m = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (UTC|GMT) (\d{4})$/.exec(
    ts,
  );
  if (!m) throw invalidParameter(TIMESTAMP_FORMAT_MESSAGE);
  const [, , mon, day, hh, mm, ss, , yyyy] = m;
  const month = MONTHS.indexOf(mon!);
  const dayN = Number(day);
  const h = Number(hh);
  const mi = Number(mm);
  const s = Number(ss);
  if (dayN < 1 || dayN > 31 || h > 23 || mi > 59 || s > 59) throw invalidParameter(TIMESTAMP_FORMAT_MESSAGE);
  const ms = Date.UTC(Number(yyyy), month, dayN, h, mi, s);
  return { ms, canonical: formatTimestamp(ms) };
}
