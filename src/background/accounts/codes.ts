// Current one-time codes for every account that holds an OTP secret: TOTP accounts, HOTP
// accounts (code at the stored counter), and Cognito accounts with an enrolled TOTP secret
// (Cognito uses SHA1, 6 digits, 30 s). Each account's time is its own: a Cognito account's
// follows the offset learnt from its own endpoint, a plain TOTP account's the system clock plus
// the offset the person set for it (none by default). `expiresAt` is on the local clock the
// pages use.
import type { OtpCode } from '../../shared/messages';
import { hotpCode } from '../../otp/hotp';
import { totpCode, totpExpiresAt } from '../../otp/totp';
import { clockEndpointOf } from '../server-clocks';
import type { Account, HotpAccount } from './model';

/** `endpointOffsets`: server minus local time (ms) by Cognito endpoint (ServerClockStore.offsets). */
export function codesFor(accounts: Account[], localNowMs: number, endpointOffsets: ReadonlyMap<string, number>): OtpCode[] {
  const codes: OtpCode[] = [];
  for (const a of accounts) {
    if (a.kind === 'hotp') {
      codes.push(hotpCodeFor(a));
      continue;
    }
    const offsetMs = clockOffsetOf(a, endpointOffsets);
    const at = localNowMs + offsetMs;
    if (a.kind === 'totp') {
      codes.push({ id: a.id, kind: 'totp', code: totpCode(a.secret, a, at), period: a.period, expiresAt: totpExpiresAt(a.period, at) - offsetMs });
    } else if (a.secrets.totpSecret) {
      codes.push({ id: a.id, kind: 'totp', code: totpCode(a.secrets.totpSecret, { period: 30 }, at), period: 30, expiresAt: totpExpiresAt(30, at) - offsetMs });
    }
  }
  return codes;
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
