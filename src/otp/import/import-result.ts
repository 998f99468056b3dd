/**
 * What every importer returns: the accounts it could read, and one problem per line or entry it
 * could not (skipped types, bad values). Problems name where (line, entry, label) and why, never
 * a secret.
 */
import type { OtpAccount } from '../otp-account';
import { shownText } from '../visible-text';
import type { DocumentProblemCode, ImportProblemCode } from './problem-codes';

export interface ImportProblem {
  /** 1-based line of the imported text, when the input is line-oriented. */
  line?: number;
  /** 1-based entry within a Google export payload or an Aegis vault. */
  entry?: number;
  /** Issuer/name of the entry, to help the person find it in the source app. */
  label?: string;
  /** Why (./problem-codes.ts): what the pages show, translated. */
  code: ImportProblemCode;
  /** batch-incomplete: the 1-based numbers of the QR codes missing, of `size`. */
  missing?: number[];
  size?: number;
  /** The same in English, for logs and tests; never sent to a page. */
  message: string;
}

export interface ImportResult {
  accounts: OtpAccount[];
  problems: ImportProblem[];
}

/** Names are cut to this many characters in problems: a hostile 100 000-character name is not echoed whole. */
const SHOWN_NAME_CHARS = 64;
const cut = (name: string) => shownText(name, SHOWN_NAME_CHARS);

/** "Issuer (account)" or whichever of the two is present, each cut to a readable length and shown safely (shownText). */
export function describeEntry(issuer: string, account: string): string | undefined {
  const i = cut(issuer.trim());
  const a = cut(account.trim());
  if (i && a) return `${i} (${a})`;
  return i || a || undefined;
}
