/**
 * Guesses what pasted import text is, so one box accepts all of them: otpauth:// URIs (one per
 * line), Google Authenticator's otpauth-migration:// export, or an Aegis JSON vault export.
 */
import type { ImportFormat } from '../shared/requests';
import { IMPORT_LIMITS } from '../otp/limits';

export type TextImportFormat = Extract<ImportFormat, 'otpauth' | 'google-migration' | 'aegis'>;

export function detectImportFormat(text: string): TextImportFormat | undefined {
  const trimmed = text.trim();
  if (/^otpauth-migration:\/\//i.test(trimmed)) return 'google-migration';
  if (/^otpauth:\/\//i.test(trimmed)) return 'otpauth';
  // JSON over the import budget is not parsed here either: the background would refuse it unread.
  if (trimmed.startsWith('{') && trimmed.length <= IMPORT_LIMITS.textChars) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === 'object' && 'db' in parsed && 'header' in parsed) return 'aegis';
    } catch {
      return undefined;
    }
  }
  return undefined;
}

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

export interface ImportItem {
  format: TextImportFormat;
  data: string;
}

/**
 * Splits pasted text into import requests: an Aegis export is one JSON document; links may come
 * one per line (several otpauth:// accounts, or the several QR codes of a large Google export).
 * Returns the 1-based numbers of lines that are neither.
 */
export function importItemsFromText(text: string): { items: ImportItem[]; badLines: number[] } {
  if (detectImportFormat(text) === 'aegis') return { items: [{ format: 'aegis', data: text.trim() }], badLines: [] };
  const items: ImportItem[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const data = line.trim();
    if (data === '') return;
    const format = detectImportFormat(data);
    if (format === 'otpauth' || format === 'google-migration') items.push({ format, data });
    else badLines.push(index + 1);
  });
  return { items, badLines };
}
