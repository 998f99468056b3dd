/**
 * "Scan QR on this page": the popup is where the tab-capture permission (activeTab) is granted,
 * because opening it is the user's gesture on the current tab. Sends `scan-tab-qr`, then `import`
 * for each otpauth:// or otpauth-migration:// link found, and reloads the list.
 */
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import { detectImportFormat } from '../../ui/import-format';
import type { PopupContext } from '../popup-context';

export function scanTabButton(ctx: PopupContext): HTMLElement {
  const result = h('p', { class: 'hint', id: 'scan-tab-result', 'data-testid': 'scan-tab-result', role: 'status', hidden: true });
  const button = h('button', { type: 'button', id: 'scan-tab', 'data-testid': 'scan-tab', text: t('scanTab') });
  const show = (message: string, isError: boolean) => {
    result.textContent = message;
    result.className = `hint ${isError ? 'error' : 'success'}`;
    result.hidden = false;
    announce(message);
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const { uris } = await ask({ type: 'scan-tab-qr' });
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
  return h('div', { class: 'scan-tab' }, button, result);
}
