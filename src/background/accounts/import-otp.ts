// Imports plain OTP accounts (otpauth:// lines, Google Authenticator export URIs, Aegis plain
// JSON — src/otp detects which) into the vault, skipping secrets the vault already holds.
import type { OtpAccount } from '../../otp/otp-account';
import { importOtpText, type ImportProblem } from '../../otp/import';
import { appErrorInfo, type ErrorInfo } from '../../shared/error-codes';
import type { ImportPreviewItem } from '../../shared/views';
import type { Account } from './model';
import type { AccountStore } from './store';

export interface ImportSummary { added: number; skipped: number; problems: string[] }

export async function importOtpAccounts(store: AccountStore, text: string): Promise<ImportSummary> {
  const result = importOtpText(text);
  const { added, skipped } = await store.addMissing(result.accounts.map(fromOtp));
  return { added, skipped: skipped + result.problems.length, problems: result.problems.map(describeProblem) };
}

/**
 * What the import of `text` would add, without adding anything: type, issuer and name of each
 * account (never the secret), and each problem with its code (a limit's own, else import-failed).
 */
export function previewOtpImport(text: string): { accounts: ImportPreviewItem[]; problems: ErrorInfo[] } {
  const result = importOtpText(text);
  return {
    accounts: result.accounts.map(({ type, issuer, account }) => ({ type, issuer, account })),
    problems: result.problems.map((p) => (p.code ? { code: p.code, message: describeProblem(p) } : appErrorInfo('import-failed', describeProblem(p)))),
  };
}

function describeProblem(p: ImportProblem): string {
  const where = [p.line !== undefined ? `line ${p.line}` : '', p.entry !== undefined ? `entry ${p.entry}` : '', p.label ?? '']
    .filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

function fromOtp(otp: OtpAccount): Account {
  const label = otp.account || otp.issuer;
  const issuer = otp.issuer ? { issuer: otp.issuer } : {};
  return otp.type === 'totp'
    ? { kind: 'totp', id: '', label, ...issuer, secret: otp.secret, algorithm: otp.algorithm, digits: otp.digits, period: otp.period }
    : { kind: 'hotp', id: '', label, ...issuer, secret: otp.secret, algorithm: otp.algorithm, digits: otp.digits, counter: otp.counter };
}
