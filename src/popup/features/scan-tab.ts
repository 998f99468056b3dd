/**
 * "Scan QR on this page": the popup is where the tab-capture permission (activeTab) is granted,
 * because opening it is the user's gesture on the current tab. Captures and decodes the tab here
 * (./tab-qr-scan, loaded on click), then asks the background what the otpauth:// or
 * otpauth-migration:// links found would add (`import-preview`: type, issuer and name, never the
 * secret) and shows that for confirmation: a web page chooses what its QR code says, so nothing is
 * added until the person presses Add (`import`, the same validation as every other way in).
 * Cancel adds nothing.
 */
import type { ImportPreviewItem, ImportProblemView } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { statusLine } from '../../ui/components/status-line';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import { detectOtpTextFormat } from '../../otp/import/detect';
import { importProblemText } from '../../ui/import-problems';
import { QrDecodeError } from '../../ui/qr-decode';
import type { PopupContext } from '../popup-context';

/** The text of one QR code that holds an otpauth:// or otpauth-migration:// link. */
type QrImport = { data: string };

export function scanTabButton(ctx: PopupContext): HTMLElement {
  const result = statusLine('scan-tab-result', 'hint');
  result.element.hidden = true;
  const confirmation = h('div', { class: 'scan-confirm', id: 'scan-confirm', 'data-testid': 'scan-confirm', role: 'group', 'aria-labelledby': 'scan-confirm-title', hidden: true });
  const button = h('button', { type: 'button', id: 'scan-tab', 'data-testid': 'scan-tab', text: t('scanTab') });
  const show = (message: string, isError: boolean) => result.show(message, isError ? 'error' : 'success');
  const closeConfirmation = () => { confirmation.hidden = true; replaceChildren(confirmation); };

  async function add(items: readonly QrImport[]): Promise<void> {
    let added = 0;
    let skipped = 0;
    for (const item of items) {
      const imported = await ask({ type: 'import', ...item });
      added += imported.added;
      skipped += imported.skipped;
    }
    show(t('importSummary', added, skipped), false);
    // Redraw so the new accounts appear; the message is re-announced by the new view's focus.
    if (added > 0) await ctx.refresh();
  }

  function confirm(items: readonly QrImport[], accounts: readonly ImportPreviewItem[], problems: readonly ImportProblemView[]): void {
    const addButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'scan-confirm-add', text: t('scanConfirmAdd') });
    const cancelButton = h('button', { type: 'button', 'data-testid': 'scan-confirm-cancel', text: t('cancel') });
    addButton.addEventListener('click', async () => {
      addButton.disabled = true;
      cancelButton.disabled = true;
      try {
        closeConfirmation();
        await add(items);
      } catch (error) {
        show(errorText(error), true);
      } finally {
        button.disabled = false;
        button.focus();
      }
    });
    cancelButton.addEventListener('click', () => {
      closeConfirmation();
      show(t('scanCancelled'), false);
      button.disabled = false;
      button.focus();
    });
    replaceChildren(confirmation,
      h('p', { id: 'scan-confirm-title', text: t('scanConfirmTitle', accounts.length) }),
      h('ul', { class: 'scan-confirm-list' }, ...accounts.map((a) => h('li', { 'data-testid': 'scan-confirm-item', dataset: { type: a.type } },
        h('span', { class: 'scan-confirm-type', text: t(a.type === 'totp' ? 'otpTypeTotp' : 'otpTypeHotp') }), ' · ',
        h('span', { 'data-testid': 'scan-confirm-issuer', text: a.issuer }), a.issuer && a.account ? ' · ' : '',
        h('span', { 'data-testid': 'scan-confirm-account', text: a.account })))),
      // Entries that would be skipped, each with where it is and its own reason.
      ...problems.map((p) => h('p', { class: 'warning', 'data-testid': 'scan-confirm-problem', dataset: { code: p.code }, text: importProblemText(p) })),
      h('div', { class: 'actions' }, addButton, cancelButton));
    confirmation.hidden = false;
    addButton.focus();
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    result.element.hidden = true;
    closeConfirmation();
    let waiting = false;
    try {
      // Loaded on demand: the QR decoder is as big as the rest of the popup.
      const { scanVisibleTab } = await import('./tab-qr-scan');
      const items: QrImport[] = [];
      for (const data of await scanVisibleTab()) {
        const format = detectOtpTextFormat(data);
        if (format === 'otpauth' || format === 'google-migration') items.push({ data });
      }
      if (items.length === 0) return show(t('errorQrNotOtp'), true);
      const accounts: ImportPreviewItem[] = [];
      const problems: ImportProblemView[] = [];
      for (const item of items) {
        const preview = await ask({ type: 'import-preview', ...item });
        accounts.push(...preview.accounts);
        problems.push(...preview.problems);
      }
      if (accounts.length === 0) return show(problems[0] ? importProblemText(problems[0]) : t('errorQrNotOtp'), true);
      confirm(items, accounts, problems);
      waiting = true;
    } catch (error) {
      show(error instanceof QrDecodeError ? t(error.key) : errorText(error), true);
    } finally {
      // While the confirmation is open, its buttons decide; a second scan waits for them.
      if (!waiting) button.disabled = false;
    }
  });
  return h('div', { class: 'scan-tab' }, button, confirmation, result.element);
}
