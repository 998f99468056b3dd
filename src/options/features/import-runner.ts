/**
 * Sends one `import` (what the person gave, as it is: the background detects the format) and
 * shows how it went: a summary line, then each entry that was not added with its reason.
 */
import type { ImportProblemView } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { errorText } from '../../ui/components/error-text';
import type { StatusLine } from '../../ui/components/status-line';
import { replaceChildren } from '../../ui/dom';
import { t } from '../../ui/i18n';
import { importProblemList } from '../../ui/import-problems';

export type ImportOutcome =
  | { ok: true; added: number; skipped: number; problems: ImportProblemView[] }
  | { ok: false; failure: string };

export async function runImport(data: string, password?: string): Promise<ImportOutcome> {
  try {
    const { added, skipped, problems } = await ask({ type: 'import', data, ...(password !== undefined ? { password } : {}) });
    return { ok: true, added, skipped, problems };
  } catch (error) {
    return { ok: false, failure: errorText(error) };
  }
}

/**
 * Shows the outcome: the summary (or the refusal) on the status line, the problems in
 * `problemsSlot` (emptied first). A refused import added nothing (imports are all or nothing).
 */
export function showImportOutcome(outcome: ImportOutcome, status: StatusLine, problemsSlot: HTMLElement, testId: string): void {
  if (!outcome.ok) {
    replaceChildren(problemsSlot);
    status.show(t('importFailures', outcome.failure), 'error');
    return;
  }
  status.show(t('importSummary', outcome.added, outcome.skipped), outcome.problems.length > 0 ? 'error' : 'success');
  replaceChildren(problemsSlot, importProblemList(outcome.problems, testId));
}
