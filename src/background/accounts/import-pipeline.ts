// Every import, one pipeline: the page sends what the person gave (pasted text, a file's text, a
// QR code's text; a password only for backups); this detects the format, parses it, validates
// each account as add-account would (AccountStore.addMissing → admitAccount) and adds what the
// vault does not hold yet, in one write (all or nothing). The answer says what was added and,
// entry by entry, what was not and why: a code and where, never a sentence (the page words it)
// and never a secret. The budgets of src/otp/limits.ts refuse an input over them whole.
import { detectOtpTextFormat, importOtpText, type ImportProblem } from '../../otp/import';
import type { OtpAccount } from '../../otp/otp-account';
import type { ImportFormat } from '../../shared/requests';
import type { ImportPreviewItem, ImportProblemView } from '../../shared/views';
import { BACKUP_FORMAT, readBackup } from '../backup/format';
import { invalid } from '../errors';
import type { Account } from './model';
import type { AccountStore } from './store';
import type { AccountOrderStore } from '../account-order';
import { mergeRestoredOrder, type AccountOrder } from '../../shared/account-order';

export interface ImportInput { data: string; password?: string | undefined }
export interface ImportReport { format: ImportFormat; added: number; skipped: number; problems: ImportProblemView[] }
export interface ImportPreview { format: ImportFormat; accounts: ImportPreviewItem[]; problems: ImportProblemView[] }

/**
 * The format of what the person gave: a backup file (JSON naming this extension's backup
 * format), else what src/otp makes of the text (otpauth lines, a Google export, Aegis JSON).
 * Text that is none of these is read as otpauth lines, so each line is reported for what it is.
 */
export function detectImportFormat(data: string): ImportFormat {
  if (data.trimStart().startsWith('{') && isBackupFile(data)) return 'backup';
  return detectOtpTextFormat(data) ?? 'otpauth';
}

export async function runImport(store: AccountStore, orders: AccountOrderStore, input: ImportInput): Promise<ImportReport> {
  const format = detectImportFormat(input.data);
  if (format === 'backup') {
    if (!input.password) throw invalid('A backup import needs the backup password.');
    const { accounts, order } = await readBackup(input.data, input.password);
    const { added, skipped, ids } = await store.addMissing(accounts);
    if (order) await restoreOrder(orders, order, accounts.map((a, i) => [a.id, ids[i]!]));
    return { format, added, skipped, problems: [] };
  }
  // Only backups are encrypted: a password with anything else is a mistake worth saying, not a
  // field to ignore (an encrypted Aegis export, say, cannot be read with it).
  if (input.password !== undefined) throw invalid(`Only backup imports take a password; ${format} data is read as plain text.`);
  const result = importOtpText(input.data);
  const { added, skipped } = await store.addMissing(result.accounts.map(fromOtp));
  return { format, added, skipped, problems: result.problems.map(problemView) };
}

/**
 * The backup's pins and order, moved from the file's ids to the vault's (`vaultIds`: file id →
 * vault id, in the file's order; where the file repeats an id, its first account's), merged
 * after the order already kept here (mergeRestoredOrder).
 */
async function restoreOrder(orders: AccountOrderStore, order: AccountOrder, vaultIds: [string, string][]): Promise<void> {
  const toVault = new Map<string, string>();
  for (const [fileId, vaultId] of vaultIds) if (!toVault.has(fileId)) toVault.set(fileId, vaultId);
  const moved = (ids: string[]) => ids.flatMap((id) => toVault.get(id) ?? []);
  const restored = { pinned: moved(order.pinned), order: moved(order.order) };
  if (restored.pinned.length + restored.order.length === 0) return;
  await orders.set(mergeRestoredOrder(await orders.get(), restored));
}

/**
 * Enrolment from a page (issue 9 item 4): the text of the QR code the popup captured and decoded
 * on the set-up screen must be exactly one TOTP account (a set-up shows one; anything else is not
 * a set-up this can answer). Stored through the same rules as every import; returns its id.
 */
export async function importEnrolment(store: AccountStore, data: string): Promise<string> {
  if (detectImportFormat(data) !== 'otpauth') throw invalid('A TOTP set-up shows one otpauth:// link; this QR code holds something else.');
  const result = importOtpText(data);
  const [only] = result.accounts;
  if (result.accounts.length !== 1 || result.problems.length > 0 || only?.type !== 'totp') {
    throw invalid('A TOTP set-up shows exactly one TOTP account; this QR code does not.');
  }
  return store.addOneImported(fromOtp(only));
}

/**
 * What the import of `data` would add, without adding anything: type, issuer and name of each
 * account (never the secret), and each problem. A backup cannot be previewed (it is encrypted).
 */
export function previewImport(data: string): ImportPreview {
  const format = detectImportFormat(data);
  if (format === 'backup') throw invalid('A backup file cannot be previewed; import it with its password.');
  const result = importOtpText(data);
  return {
    format,
    accounts: result.accounts.map(({ type, issuer, account }) => ({ type, issuer, account })),
    problems: result.problems.map(problemView),
  };
}

function isBackupFile(data: string): boolean {
  try {
    const parsed = JSON.parse(data) as { format?: unknown } | null;
    return typeof parsed === 'object' && parsed !== null && parsed.format === BACKUP_FORMAT;
  } catch {
    return false;
  }
}

/** The problem as the page receives it: code and where, without the English message. */
function problemView(p: ImportProblem): ImportProblemView {
  const { message: _english, ...view } = p;
  return view;
}

function fromOtp(otp: OtpAccount): Account {
  const label = otp.account || otp.issuer;
  const issuer = otp.issuer ? { issuer: otp.issuer } : {};
  return otp.type === 'totp'
    ? { kind: 'totp', id: '', label, ...issuer, secret: otp.secret, algorithm: otp.algorithm, digits: otp.digits, period: otp.period }
    : { kind: 'hotp', id: '', label, ...issuer, secret: otp.secret, algorithm: otp.algorithm, digits: otp.digits, counter: otp.counter };
}
