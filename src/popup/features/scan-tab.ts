/**
 * "Scan QR on this page": the popup is where the tab-capture permission (activeTab) is granted,
 * because opening it is the user's gesture on the current tab. Captures and decodes the tab here
 * (shared/tab-qr-scan, loaded on click), then sends `import` for each otpauth:// or
 * otpauth-migration:// link found, and reloads the list.
 */
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { statusLine } from '../../ui/components/status-line';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import { detectImportFormat } from '../../ui/import-format';
import type { PopupContext } from '../popup-context';

export function scanTabButton(ctx: PopupContext): HTMLElement {
  const result = statusLine('scan-tab-result', 'hint');
  result.element.hidden = true;
  const button = h('button', { type: 'button', id: 'scan-tab', 'data-testid': 'scan-tab', text: t('scanTab') });
  const show = (message: string, isError: boolean) => result.show(message, isError ? 'error' : 'success');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      // Loaded on demand: the QR decoder is as big as the rest of the popup.
      const { scanVisibleTab } = await import('../../shared/tab-qr-scan');
      const uris = await scanVisibleTab();
      let added = 0;
      let skipped = 0;
      for (const data of uris) {
        const format = detectImportFormat(data);
        if (format !== 'otpauth' && format !== 'google-migration') continue;
        const imported = await ask({ type: 'import', format, data });
        added += imported.added;
        skipped += imported.skipped;
      }
      if (added + skipped === 0) return show(t('errorQrNotOtp'), true);
      show(t('importSummary', added, skipped), false);
      // Redraw so the new accounts appear; the message is re-announced by the new view's focus.
      if (added > 0) await ctx.refresh();
    } catch (error) {
      show(errorText(error), true);
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'scan-tab' }, button, result.element);
}
