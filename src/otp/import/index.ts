/**
 * One entry point for pasted or uploaded text: detects the format and dispatches.
 * - JSON (starts with '{'): an Aegis vault export;
 * - otherwise one item per non-empty line: otpauth:// URIs and/or otpauth-migration:// URIs
 *   (several QR codes of one Google export can be pasted together).
 * Bad content does not throw: everything that could not be imported is a problem. Input beyond
 * the import budgets (./limits.ts: length, lines, entries) is refused whole with a limit's error,
 * before it is split or parsed.
 */
import { parseOtpauthUri } from '../otpauth-uri';
import type { OtpAccount } from '../otp-account';
import { importAegisJson } from './aegis';
import { importGoogleMigrationUri, type MigrationBatch } from './google-migration';
import type { ImportProblem, ImportResult } from './import-result';
import { checkLength, IMPORT_LIMITS, limitError, type LimitErrorCode } from '../limits';
import { isOtpError } from '../otp-errors';
import { problemCodeOf } from './problem-codes';

export type { ImportProblem, ImportResult } from './import-result';
export { importAegisJson, importAegisVault } from './aegis';
export { importGoogleMigrationUri, decodeMigrationPayload } from './google-migration';
export { IMPORT_PROBLEM_CODES, problemCodeOf, type ImportProblemCode } from './problem-codes';
export { detectOtpTextFormat, type OtpTextFormat } from './detect';

/** Limits that refuse the whole import, not the one line or document that passed them. */
const REFUSES_WHOLE_IMPORT: ReadonlySet<string> = new Set<LimitErrorCode>([
  'import-too-large', 'import-too-many-entries', 'migration-batch-out-of-range', 'backup-too-many-accounts',
]);

/** A problem for an error that refuses one line or one document; anything else is thrown on. */
function problemOf(error: unknown): ImportProblem {
  const code = isOtpError(error) && !REFUSES_WHOLE_IMPORT.has(error.code) ? problemCodeOf(error) : undefined;
  if (!code) throw error;
  return { code, message: (error as Error).message };
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
    // Decoding already refused larger sizes (batchInRange); the loop below is bounded by that.
    if (size > IMPORT_LIMITS.migrationBatchSize) continue;
    const missing: number[] = [];
    for (let i = 0; i < size; i++) if (!seen.has(i)) missing.push(i + 1);
    if (missing.length > 0) {
      problems.push({
        code: 'batch-incomplete', missing, size,
        message: `This Google Authenticator export has ${size} QR codes; code ${missing.join(', ')} of ${size} ${missing.length === 1 ? 'is' : 'are'} missing. Import ${missing.length === 1 ? 'it' : 'them'} too to get every account.`,
      });
    }
  }
  return problems;
}

export function importOtpText(input: string): ImportResult {
  checkLength('import-too-large', 'import text', input, IMPORT_LIMITS.textChars);
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    return { accounts: [], problems: [{ code: 'nothing-to-import', message: 'There is nothing to import.' }] };
  }
  if (text.trimStart().startsWith('{')) {
    try {
      return importAegisJson(text);
    } catch (error) {
      return { accounts: [], problems: [problemOf(error)] };
    }
  }

  const accounts: OtpAccount[] = [];
  const problems: ImportProblem[] = [];
  const batches: MigrationBatch[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  const filled = lines.reduce((n, line) => (line.trim() === '' ? n : n + 1), 0);
  if (filled > IMPORT_LIMITS.entries) {
    throw limitError('import-too-many-entries', `The text has ${filled} lines; at most ${IMPORT_LIMITS.entries} are imported at once.`);
  }
  // The entries budget is the text's, not each line's: every Google export line may hold up to
  // IMPORT_LIMITS.entries entries, and a megabyte of lines of empty entries would otherwise make
  // hundreds of thousands of problems for the page. Counted as each line is read, so the work
  // stops at the line that passes the budget.
  let entries = 0;
  const countEntries = (n: number) => {
    entries += n;
    if (entries > IMPORT_LIMITS.entries) {
      throw limitError('import-too-many-entries', `The text holds more than ${IMPORT_LIMITS.entries} accounts; at most ${IMPORT_LIMITS.entries} are imported at once.`);
    }
  };
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') return;
    const lineNo = index + 1;
    if (!/^otpauth-migration:/i.test(line)) countEntries(1);
    try {
      if (/^otpauth-migration:/i.test(line)) {
        const result = importGoogleMigrationUri(line);
        countEntries(result.entries);
        accounts.push(...result.accounts);
        problems.push(...result.problems.map((p) => ({ line: lineNo, ...p })));
        batches.push(result.batch);
      } else if (/^otpauth:/i.test(line)) {
        accounts.push(parseOtpauthUri(line));
      } else {
        problems.push({
          line: lineNo,
          code: 'not-otp-line',
          message: 'Not an otpauth:// or otpauth-migration:// URI.',
        });
      }
    } catch (error) {
      problems.push({ line: lineNo, ...problemOf(error) });
    }
  });
  problems.push(...missingBatchParts(batches));
  return { accounts, problems };
}
