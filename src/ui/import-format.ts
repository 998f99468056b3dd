/**
 * Page-side helpers of import and export: an early note for an encrypted Aegis export, the name
 * of a downloaded backup. Which format an import is, the background detects (one pipeline).
 */
import { IMPORT_LIMITS } from '../otp/limits';

/** An Aegis export whose `db` is a string is encrypted (src/otp imports plain exports only). */
export function isEncryptedAegis(text: string): boolean {
  if (text.length > IMPORT_LIMITS.textChars || !text.trimStart().startsWith('{')) return false;
  try {
    const parsed = JSON.parse(text) as { db?: unknown };
    return typeof parsed.db === 'string';
  } catch {
    return false;
  }
}

/** The name of a downloaded backup: sortable and dated, e.g. cognito-authenticator-backup-2026-11-22.json. */
export function backupFileName(date: Date): string {
  return `cognito-authenticator-backup-${date.toISOString().slice(0, 10)}.json`;
}
