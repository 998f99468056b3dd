/**
 * TIMESTAMP for PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER (protocol doc §2.8): Java's
 * `EEE MMM d HH:mm:ss z yyyy`, English, UTC, e.g. `Tue Sep 3 09:17:40 UTC 2024`.
 * Built by hand from the UTC fields: locale formatting differs between engines (and can print
 * `24:` at midnight), and a zero-padded day is rejected as a wrong password.
 */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number): string => String(n).padStart(2, '0');

export function cognitoTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) throw new RangeError('cognitoTimestamp: not a valid time');
  const year = d.getUTCFullYear();
  // Java's `yyyy` prints at least four digits; Cognito only ever sees current dates anyway.
  if (year < 1000 || year > 9999) throw new RangeError('cognitoTimestamp: year outside 1000-9999');
  return (
    `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${year}`
  );
}
