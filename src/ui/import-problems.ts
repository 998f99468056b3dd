/**
 * What an import did not add, in the person's language: each problem's code as a sentence from
 * _locales (a Record over every code of src/otp/import/problem-codes.ts, so a new code without its
 * sentence does not compile; a limit's code uses the limit's own sentence), after where it was
 * (line, entry, the entry's name). The name came from the imported data: it is set as text only.
 */
import { IMPORT_PROBLEM_CODES } from '../otp/import/problem-codes';
import type { ImportProblemView } from '../shared/views';
import { explain } from './components/error-text';
import { h } from './dom';
import { t } from './i18n';

type OwnCode = (typeof IMPORT_PROBLEM_CODES)[number];

const REASONS: { readonly [C in OwnCode]: (p: ImportProblemView) => string } = {
  'nothing-to-import': () => t('importProblem_nothingToImport'),
  'not-otp-line': () => t('importProblem_notOtpLine'),
  'uri-malformed': () => t('importProblem_uriMalformed'),
  'type-unsupported': () => t('importProblem_typeUnsupported'),
  'secret-invalid': () => t('importProblem_secretInvalid'),
  'algorithm-unsupported': () => t('importProblem_algorithmUnsupported'),
  'digits-invalid': () => t('importProblem_digitsInvalid'),
  'period-invalid': () => t('importProblem_periodInvalid'),
  'counter-invalid': () => t('importProblem_counterInvalid'),
  'label-invalid': () => t('importProblem_labelInvalid'),
  'entry-not-object': () => t('importProblem_entryNotObject'),
  'entry-damaged': () => t('importProblem_entryDamaged'),
  'batch-incomplete': (p) => t('importProblem_batchIncomplete', (p.missing ?? []).join(', '), p.size ?? 0),
  'no-accounts': () => t('importProblem_noAccounts'),
  'not-aegis': () => t('importProblem_notAegis'),
  'aegis-encrypted': () => t('aegisEncryptedNote'),
  'aegis-unreadable': () => t('importProblem_aegisUnreadable'),
  'migration-unreadable': () => t('importProblem_migrationUnreadable'),
};

const isOwnCode = (code: string): code is OwnCode => (IMPORT_PROBLEM_CODES as readonly string[]).includes(code);

/** Why, as a sentence: the problem's own, or the sentence of the limit it passed. */
export function importProblemReason(problem: ImportProblemView): string {
  return isOwnCode(problem.code) ? REASONS[problem.code](problem) : explain({ code: problem.code, message: '' }).text;
}

/** "Line 3: …", "Entry 2 (Shop (carol)): …", or the reason alone. */
export function importProblemText(problem: ImportProblemView): string {
  const reason = importProblemReason(problem);
  if (problem.line !== undefined && problem.entry !== undefined) return t('importProblemAtLineEntry', problem.line, problem.entry, reason);
  if (problem.line !== undefined) return t('importProblemAtLine', problem.line, reason);
  if (problem.entry !== undefined && problem.label) return t('importProblemAtNamedEntry', problem.entry, problem.label, reason);
  if (problem.entry !== undefined) return t('importProblemAtEntry', problem.entry, reason);
  return reason;
}

/** The problems as a list (data-code on each line, for tests and styling); null when there are none. */
export function importProblemList(problems: readonly ImportProblemView[], testId: string): HTMLElement | null {
  if (problems.length === 0) return null;
  return h('ul', { class: 'import-problems', 'data-testid': testId },
    ...problems.map((p) => h('li', { class: 'warning', 'data-testid': `${testId}-item`, dataset: { code: p.code }, text: importProblemText(p) })));
}
