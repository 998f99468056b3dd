// Imports plain OTP accounts (otpauth:// lines, Google Authenticator export URIs, Aegis plain
// JSON — src/otp detects which) into the vault, skipping secrets the vault already holds.
import type { OtpAccount } from '../../otp/otp-account';
import { importOtpText } from '../../otp/import';
import type { Account } from './model';
import type { AccountStore } from './store';

export interface ImportSummary { added: number; skipped: number; problems: string[] }

export async function importOtpAccounts(store: AccountStore, text: string): Promise<ImportSummary> {
  const result = importOtpText(text);
  const { added, skipped } = await store.addMissing(result.accounts.map(fromOtp));
  const problems = result.problems.map((p) => {
    const where = [p.line !== undefined ? `line ${p.line}` : '', p.entry !== undefined ? `entry ${p.entry}` : '', p.label ?? '']
      .filter(Boolean).join(', ');
    return where ? `${where}: ${p.message}` : p.message;
  });
  return { added, skipped: skipped + result.problems.length, problems };
}

function fromOtp(otp: OtpAccount): Account {
  const label = otp.account || otp.issuer;
  const issuer = otp.issuer ? { issuer: otp.issuer } : {};
  return otp.type === 'totp'
    ? { kind: 'totp', id: '', label, ...issuer, secret: otp.secret, algorithm: otp.algorithm, digits: otp.digits, period: otp.period }
    : { kind: 'hotp', id: '', label, ...issuer, secret: otp.secret, algorithm: otp.algorithm, digits: otp.digits, counter: otp.counter };
}
