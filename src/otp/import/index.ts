/**
 * One entry point for pasted or uploaded text: detects the format and dispatches.
 * - JSON (starts with '{'): an Aegis vault export;
 * - otherwise one item per non-empty line: otpauth:// URIs and/or otpauth-migration:// URIs
 *   (several QR codes of one Google export can be pasted together).
 * Nothing here throws for bad content: everything that could not be imported is a problem.
 */
import { parseOtpauthUri, OtpauthUriError } from '../otpauth-uri';
import type { OtpAccount } from '../otp-account';
import { importAegisJson } from './aegis';
import { importGoogleMigrationUri, type MigrationBatch } from './google-migration';
import { OtpImportError, type ImportProblem, type ImportResult } from './import-result';

export { OtpImportError, type ImportProblem, type ImportResult } from './import-result';
export { importAegisJson, importAegisVault } from './aegis';
export { importGoogleMigrationUri, decodeMigrationPayload } from './google-migration';

function errorMessage(error: unknown): string {
  if (error instanceof OtpImportError || error instanceof OtpauthUriError) return error.message;
  throw error;
}

/** Reports QR codes of a multi-part Google export that were not included. */
function missingBatchParts(batches: MigrationBatch[]): ImportProblem[] {
  const byId = new Map<number, { size: number; seen: Set<number> }>();
  for (const b of batches) {
    if (b.batchSize <= 1) continue;
    const group = byId.get(b.batchId) ?? { size: b.batchSize, seen: new Set<number>() };
    group.seen.add(b.batchIndex);
    byId.set(b.batchId, group);
  }
  const problems: ImportProblem[] = [];
  for (const { size, seen } of byId.values()) {
    const missing: number[] = [];
    for (let i = 0; i < size; i++) if (!seen.has(i)) missing.push(i + 1);
    if (missing.length > 0) {
      problems.push({
        message: `This Google Authenticator export has ${size} QR codes; code ${missing.join(', ')} of ${size} ${missing.length === 1 ? 'is' : 'are'} missing. Import ${missing.length === 1 ? 'it' : 'them'} too to get every account.`,
      });
    }
  }
  return problems;
}

export function importOtpText(input: string): ImportResult {
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    return { accounts: [], problems: [{ message: 'There is nothing to import.' }] };
  }
  if (text.trimStart().startsWith('{')) {
    try {
      return importAegisJson(text);
    } catch (error) {
      return { accounts: [], problems: [{ message: errorMessage(error) }] };
    }
  }

  const accounts: OtpAccount[] = [];
  const problems: ImportProblem[] = [];
  const batches: MigrationBatch[] = [];
  text.split(/\r\n|\r|\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') return;
    const lineNo = index + 1;
    try {
      if (/^otpauth-migration:/i.test(line)) {
        const result = importGoogleMigrationUri(line);
        accounts.push(...result.accounts);
        problems.push(...result.problems.map((p) => ({ line: lineNo, ...p })));
        batches.push(result.batch);
      } else if (/^otpauth:/i.test(line)) {
        accounts.push(parseOtpauthUri(line));
      } else {
        problems.push({
          line: lineNo,
          message: 'Not an otpauth:// or otpauth-migration:// URI.',
        });
      }
    } catch (error) {
      problems.push({ line: lineNo, message: errorMessage(error) });
    }
  });
  problems.push(...missingBatchParts(batches));
  return { accounts, problems };
}
