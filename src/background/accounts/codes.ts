// Current one-time codes for every account that holds an OTP secret: TOTP accounts, HOTP
// accounts (code at the stored counter), and Cognito accounts with an enrolled TOTP secret
// (Cognito uses SHA1, 6 digits, 30 s). Each account's time is its own: a Cognito account's
// follows the offset learnt from its own endpoint, a plain TOTP account's the system clock plus
// the offset the person set for it (none by default). `expiresAt` is on the local clock the
// pages use. Each account on its own: a record whose parameters break the rules (stored by an
// older build, say) gets its own error, and every other account still gets its code.
import type { CodeError, OtpCode } from '../../shared/views';
import { hotpCode } from '../../otp/hotp';
import { OTP_LIMITS, limitError } from '../../otp/limits';
import { shownText } from '../../otp/visible-text';
import { totpCode, totpExpiresAt } from '../../otp/totp';
import { errorInfo } from '../error-info';
import { clockEndpointOf } from '../server-clocks';
import { activeTotpSecret, type Account, type HotpAccount } from './model';

function codeOf(a: Account, localNowMs: number, endpointOffsets: ReadonlyMap<string, number>): OtpCode | undefined {
  if (a.kind === 'hotp') return hotpCodeFor(a);
  const offsetMs = clockOffsetOf(a, endpointOffsets);
  const at = localNowMs + offsetMs;
  if (a.kind === 'totp') {
    return { id: a.id, kind: 'totp', code: totpCode(a.secret, a, at), period: a.period, expiresAt: totpExpiresAt(a.period, at) - offsetMs };
  }
  const secret = activeTotpSecret(a);
  if (secret) {
    return { id: a.id, kind: 'totp', code: totpCode(secret, { period: 30 }, at), period: 30, expiresAt: totpExpiresAt(30, at) - offsetMs };
  }
  return undefined;
}

/** `endpointOffsets`: server minus local time (ms) by Cognito endpoint (ServerClockStore.offsets). */
export function codesFor(accounts: Account[], localNowMs: number, endpointOffsets: ReadonlyMap<string, number>): { codes: OtpCode[]; errors: CodeError[] } {
  const codes: OtpCode[] = [];
  const errors: CodeError[] = [];
  for (const a of accounts) {
    try {
      const code = codeOf(a, localNowMs, endpointOffsets);
      if (code) codes.push(code);
    } catch (error) {
      errors.push({ id: a.id, error: errorInfo(error) });
    }
  }
  return { codes, errors };
}

/** Which clock an account's codes follow, as an offset (ms) from the system clock. */
function clockOffsetOf(a: Exclude<Account, HotpAccount>, endpointOffsets: ReadonlyMap<string, number>): number {
  if (a.kind === 'totp') return (a.clockOffsetSeconds ?? 0) * 1000;
  const endpoint = clockEndpointOf(a);
  return endpoint === undefined ? 0 : endpointOffsets.get(endpoint) ?? 0;
}

export function hotpCodeFor(a: HotpAccount): OtpCode {
  return { id: a.id, kind: 'hotp', code: hotpCode(a.secret, a, a.counter), counter: a.counter };
}

/**
 * The account with its counter advanced to the next code. Refused at the counter rule's end
 * (OTP_LIMITS.counter): a counter past it could not be shown, backed up or restored.
 */
export function nextHotp(a: HotpAccount): HotpAccount {
  if (a.counter >= OTP_LIMITS.counter.max) {
    throw limitError('otp-counter-out-of-range', `The HOTP counter of "${shownText(a.label, 64)}" is at its largest value; no further code can be made.`);
  }
  return { ...a, counter: a.counter + 1 };
}

/**
 * The code code fill puts into a page for a TOTP or Cognito account, with its step on the
 * account's own clock (the same clock as `codesFor`): `undefined` for an HOTP account or a Cognito
 * account without a TOTP secret. The caller checks the step against what was already used.
 */
export function fillCodeOf(a: Account, localNowMs: number, endpointOffsets: ReadonlyMap<string, number>):
  { code: string; step: number; periodSeconds: number; nextInMs: number } | undefined {
  if (a.kind === 'hotp') return undefined;
  const secret = a.kind === 'totp' ? a.secret : activeTotpSecret(a);
  if (!secret) return undefined;
  const period = a.kind === 'totp' ? a.period : 30;
  const at = localNowMs + clockOffsetOf(a, endpointOffsets);
  const code = a.kind === 'totp' ? totpCode(secret, a, at) : totpCode(secret, { period: 30 }, at);
  const periodMs = period * 1000;
  const step = Math.floor(at / periodMs);
  return { code, step, periodSeconds: period, nextInMs: (step + 1) * periodMs - at };
}
