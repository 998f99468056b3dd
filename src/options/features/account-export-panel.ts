/**
 * Export one account for a second authenticator app: a warning, the vault password typed again,
 * then `export-account`; the answer (an otpauth:// URI, the account's secret) is shown as a QR
 * code drawn here (qrcode package, no network) and as the link, with Copy and Hide. What a Cognito
 * account exports (its TOTP secret, never device keys or password) is said before the password
 * is asked. The secret lives only in this panel's DOM: Hide, closing the panel, and a lock
 * (options.ts wipes the whole page) remove it.
 */
import type { AccountSummary } from '../../shared/views';
import { ask, BackgroundError } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { copyText } from '../../ui/components/copy-text';
import { errorText } from '../../ui/components/error-text';
import { inputField } from '../../ui/components/form-field';
import { qrCanvas } from '../../ui/components/qr-code';
import { statusLine } from '../../ui/components/status-line';
import { t } from '../../ui/i18n';

export function accountExportPanel(account: AccountSummary, onClose: () => void): HTMLElement {
  const panel = h('div', { class: 'account-export', 'data-testid': 'account-export', role: 'group', 'aria-label': t('exportAccountOf', account.label) });
  showPasswordStep();
  return panel;

  function showPasswordStep(): void {
    const password = inputField({ id: 'export-account-password', label: t('exportAccountPasswordLabel'), type: 'password', required: true, autocomplete: 'current-password' });
    const submit = h('button', { type: 'submit', class: 'primary', id: 'export-account-submit', text: t('exportAccountShow') });
    const cancel = h('button', { type: 'button', id: 'export-account-cancel', text: t('cancel'), on: { click: onClose } });
    const status = statusLine('export-account-result');
    const form = h('form', { id: 'export-account-form', novalidate: true },
      h('p', { class: 'warning', 'data-testid': 'export-account-warning', text: t('exportAccountWarning') }),
      account.kind === 'cognito' ? h('p', { class: 'hint', text: t('exportAccountCognitoNote') }) : null,
      password.wrapper, h('div', { class: 'actions' }, submit, cancel), status.element);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      password.setError(undefined);
      if (!password.input.value) {
        password.setError(t('errorRequired'));
        return password.input.focus();
      }
      submit.disabled = true;
      try {
        const { uri } = await ask({ type: 'export-account', id: account.id, password: password.input.value });
        password.input.value = '';
        await showSecretStep(uri);
      } catch (error) {
        if (error instanceof BackgroundError && error.code === 'wrong-password') {
          password.setError(errorText(error));
          password.input.focus();
        } else {
          status.show(errorText(error), 'error');
        }
      } finally {
        submit.disabled = false;
      }
    });
    replaceChildren(panel, form);
    password.input.focus();
  }

  async function showSecretStep(uri: string): Promise<void> {
    const feedback = h('span', { class: 'copied', 'aria-hidden': 'true' });
    const qr = h('div', { id: 'export-account-qr', 'data-testid': 'export-account-qr' });
    try {
      qr.append(await qrCanvas(uri, t('exportAccountQrLabel', account.label)));
    } catch {
      qr.textContent = t('qrRenderFailed');
    }
    const hide = h('button', { type: 'button', id: 'export-account-hide', text: t('exportAccountHide'), on: { click: onClose } });
    replaceChildren(panel,
      h('p', { class: 'warning', text: t('exportAccountWarning') }),
      qr,
      h('p', {}, h('span', { class: 'label', text: t('exportAccountLinkLabel') }),
        h('code', { id: 'export-account-uri', 'data-testid': 'export-account-uri', class: 'secret mono', text: uri })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'export-account-copy', text: t('exportAccountCopy'), on: { click: () => void copyText(uri, feedback) } }),
        hide, feedback));
    hide.focus();
  }
}
