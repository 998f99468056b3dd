// TOTP codes as an authenticator app would show them (RFC 6238, SHA-1, 6 digits, 30 s), computed
// with otplib from the SecretCode the pool handed out.
import { generateSync } from 'otplib';

const PERIOD_S = 30;

/**
 * The code for the time step `stepOffset` steps away from `nowMs`. Cognito accepts one step
 * early or late, which lets a test enrol with step -1 and sign in with step 0 without the
 * sign-in being refused as a replay of the enrolment code.
 */
export function totpCode(secret: string, nowMs: number, stepOffset = 0): string {
  const epoch = Math.floor(nowMs / 1000) + stepOffset * PERIOD_S;
  return generateSync({ secret, epoch, period: PERIOD_S, digits: 6, algorithm: 'sha1' });
}

/** A six-digit code that matches none of the steps a server with ±1 step tolerance accepts. */
export function wrongTotpCode(secret: string, nowMs: number): string {
  // Two steps either side too, so a slow test run cannot drift into a window where it matches.
  const valid = new Set([-2, -1, 0, 1, 2].map((offset) => totpCode(secret, nowMs, offset)));
  let candidate = (Number(totpCode(secret, nowMs)) + 500_000) % 1_000_000;
  while (valid.has(String(candidate).padStart(6, '0'))) candidate = (candidate + 1) % 1_000_000;
  return String(candidate).padStart(6, '0');
}
