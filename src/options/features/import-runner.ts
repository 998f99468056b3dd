/** Sends import requests one by one and sums what was added and skipped. */
import type { ImportFormat } from '../../shared/requests';
import { ask } from '../../ui/ask-background';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';

export interface ImportTotals { added: number; skipped: number; failures: string[] }

export async function runImports(items: readonly { format: ImportFormat; data: string; password?: string }[]): Promise<ImportTotals> {
  const totals: ImportTotals = { added: 0, skipped: 0, failures: [] };
  for (const item of items) {
    try {
      const result = await ask({ type: 'import', ...item });
      totals.added += result.added;
      totals.skipped += result.skipped;
    } catch (error) {
      totals.failures.push(errorText(error));
    }
  }
  return totals;
}

export function totalsText(totals: ImportTotals): string {
  const summary = t('importSummary', totals.added, totals.skipped);
  return totals.failures.length === 0 ? summary : `${summary} ${t('importFailures', totals.failures.join('; '))}`;
}
