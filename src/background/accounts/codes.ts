// Current one-time codes for every account that holds an OTP secret: TOTP accounts, HOTP
// accounts (code at the stored counter), and Cognito accounts with an enrolled TOTP secret
// (Cognito uses SHA1, 6 digits, 30 s). Time is corrected by the learnt server clock offset.
import type { OtpCode } from '../../shared/messages';
import { hotpCode } from '../../otp/hotp';
import { totpCode, totpExpiresAt } from '../../otp/totp';
import { activeTotpSecret, type Account, type HotpAccount } from './model';

export function codesFor(accounts: Account[], nowMs: number): OtpCode[] {
  const codes: OtpCode[] = [];
  for (const a of accounts) {
    if (a.kind === 'totp') {
      codes.push({ id: a.id, kind: 'totp', code: totpCode(a.secret, a, nowMs), period: a.period, expiresAt: totpExpiresAt(a.period, nowMs) });
    } else if (a.kind === 'hotp') {
      codes.push(hotpCodeFor(a));
    } else {
      const secret = activeTotpSecret(a);
      if (secret) codes.push({ id: a.id, kind: 'totp', code: totpCode(secret, { period: 30 }, nowMs), period: 30, expiresAt: totpExpiresAt(30, nowMs) });
    }
  }
  return codes;
}

export function hotpCodeFor(a: HotpAccount): OtpCode {
  return { id: a.id, kind: 'hotp', code: hotpCode(a.secret, a, a.counter), counter: a.counter };
}
