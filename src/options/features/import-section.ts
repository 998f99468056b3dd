/**
 * Import: pasted text (otpauth://, otpauth-migration://, Aegis JSON) and a QR image file decoded
 * in this page with the pages' one QR decoder (src/ui/qr-decode.ts). Everything ends in `import` requests. Scanning the QR code shown on a
 * web page lives in the popup (features/scan-tab.ts): only there does the browser grant access to
 * the current tab, and from here the current tab would be this page.
 */
import { h } from '../../ui/dom';
import { textAreaField } from '../../ui/components/form-field';
import { statusLine } from '../../ui/components/status-line';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import { isEncryptedAegis } from '../../ui/import-format';
import { otpauthTextsFromQr } from '../../shared/qr-payload';
import { decodeQrImage, QrDecodeError } from '../../ui/qr-decode';
import { detectOtpTextFormat } from '../../otp/import/detect';
import { IMPORT_LIMITS } from '../../otp/limits';
import type { OptionsContext } from '../options-context';
import { runImport, showImportOutcome, type ImportOutcome } from './import-runner';

export function importSection(ctx: OptionsContext): HTMLElement {
  const result = statusLine('import-result');
  // Each entry that was not added, with its line or entry and why (the background's problem codes, worded here).
  const problems = h('div', { id: 'import-problems-slot' });
  const report = (outcome: ImportOutcome) => {
    showImportOutcome(outcome, result, problems, 'import-problems');
    if (outcome.ok && outcome.added > 0) ctx.accountsChanged();
  };
  const fail = (message: string) => {
    problems.replaceChildren();
    result.show(message, 'error');
  };

  // Pasted text
  const text = textAreaField({ id: 'import-text', label: t('importTextLabel'), hint: t('importTextHint') });
  // src/otp reads plain Aegis exports only: say so at once rather than after a refused import.
  const encryptedNote = h('p', { class: 'hint warning', id: 'import-aegis-encrypted', 'data-testid': 'import-aegis-encrypted', hidden: true, text: t('aegisEncryptedNote') });
  text.input.addEventListener('input', () => { encryptedNote.hidden = !isEncryptedAegis(text.input.value); });
  const textSubmit = h('button', { type: 'submit', class: 'primary', id: 'import-text-submit', text: t('importButton') });
  const textForm = h('form', { id: 'import-text-form', novalidate: true }, text.wrapper, encryptedNote, h('div', { class: 'actions' }, textSubmit));
  textForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    text.setError(undefined);
    // The background refuses more (src/otp/limits.ts); said here before the text is split or parsed.
    if (text.input.value.length > IMPORT_LIMITS.textChars) {
      text.setError(t('errorCodeImportTooLarge'));
      text.input.focus();
      return;
    }
    if (text.input.value.trim() === '') {
      text.setError(t('errorImportTextEmpty'));
      text.input.focus();
      return;
    }
    // Sent as it is: the background detects the format and reports each line it could not add.
    textSubmit.disabled = true;
    const outcome = await runImport(text.input.value);
    textSubmit.disabled = false;
    report(outcome);
    if (outcome.ok && outcome.problems.length === 0) text.input.value = '';
  });

  // QR image file
  const file = h('input', { type: 'file', id: 'import-qr-file', 'data-testid': 'import-qr-file', 'aria-describedby': 'import-qr-file-hint', accept: 'image/png,image/jpeg,image/gif,image/webp,image/bmp' });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    try {
      const found = await decodeQrImage(chosen);
      if (found === undefined) return fail(t('errorNoQrInImage'));
      const [decoded] = otpauthTextsFromQr([found]);
      if (decoded === undefined) return fail(t('errorQrNotOtp'));
      const format = detectOtpTextFormat(decoded);
      if (format !== 'otpauth' && format !== 'google-migration') return fail(t('errorQrNotOtp'));
      report(await runImport(decoded));
    } catch (error) {
      fail(error instanceof QrDecodeError ? t(error.key) : t('errorImageUnreadable', errorText(error)));
    } finally {
      file.value = '';
    }
  });

  return h('section', { id: 'import-section', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title', text: t('importTitle') }),
    textForm,
    h('div', { class: 'field' }, h('label', { for: 'import-qr-file', text: t('importQrFileLabel') }), file, h('p', { class: 'hint', id: 'import-qr-file-hint', text: t('importQrFileHint') })),
    h('p', { class: 'hint', 'data-testid': 'scan-tab-note', text: t('scanTabInPopup') }),
    result.element,
    problems);
}
