// Current one-time codes for every account that holds an OTP secret: TOTP accounts, HOTP
// accounts (code at the stored counter), and Cognito accounts with an enrolled TOTP secret
// (Cognito uses SHA1, 6 digits, 30 s). Time is corrected by the learnt server clock offset.
// Each account on its own: a record whose parameters break the rules (stored by an older build,
// say) gets its own error, and every other account still gets its code.
import type { CodeError, OtpCode } from '../../shared/messages';
import { hotpCode } from '../../otp/hotp';
import { OTP_LIMITS, LimitError } from '../../otp/limits';
import { totpCode, totpExpiresAt } from '../../otp/totp';
import { errorInfo } from '../error-info';
import type { Account, HotpAccount } from './model';

function codeOf(a: Account, nowMs: number): OtpCode | undefined {
  if (a.kind === 'totp') {
    return { id: a.id, kind: 'totp', code: totpCode(a.secret, a, nowMs), period: a.period, expiresAt: totpExpiresAt(a.period, nowMs) };
  }
  if (a.kind === 'hotp') return hotpCodeFor(a);
  if (a.secrets.totpSecret) {
    return { id: a.id, kind: 'totp', code: totpCode(a.secrets.totpSecret, { period: 30 }, nowMs), period: 30, expiresAt: totpExpiresAt(30, nowMs) };
  }
  return undefined;
}

export function codesFor(accounts: Account[], nowMs: number): { codes: OtpCode[]; errors: CodeError[] } {
  const codes: OtpCode[] = [];
  const errors: CodeError[] = [];
  for (const a of accounts) {
    try {
      const code = codeOf(a, nowMs);
      if (code) codes.push(code);
    } catch (error) {
      errors.push({ id: a.id, error: errorInfo(error) });
    }
  }
  return { codes, errors };
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
    throw new LimitError('otp-counter-out-of-range', `The HOTP counter of "${a.label.slice(0, 64)}" is at its largest value; no further code can be made.`);
  }
  return { ...a, counter: a.counter + 1 };
}
