/**
 * Changing the vault password: the current one, the new one typed twice, then
 * `change-vault-password`. The background moves every record to a new vault key (crash-safe,
 * docs/vault-format.md) and the vault stays unlocked. A wrong current password is flagged on its field.
 */
import { ask, BackgroundError } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { whileBusy } from '../../ui/components/busy-button';
import { errorText } from '../../ui/components/error-text';
import { inputField } from '../../ui/components/form-field';
import { newPasswordFields } from '../../ui/components/new-password-fields';
import { statusLine } from '../../ui/components/status-line';
import { t } from '../../ui/i18n';
import { MIN_NEW_PASSWORD_LENGTH } from '../../shared/password-rules';

export function vaultPasswordSection(): HTMLElement {
  const current = inputField({ id: 'vault-current-password', label: t('currentVaultPasswordLabel'), type: 'password', required: true, autocomplete: 'current-password' });
  const fresh = newPasswordFields({
    passwordId: 'vault-new-password', confirmId: 'vault-new-confirm', label: t('newVaultPasswordLabel'),
    hint: t('setupPasswordHint', MIN_NEW_PASSWORD_LENGTH),
  });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'vault-password-submit', text: t('changeVaultPasswordButton') });
  const status = statusLine('vault-password-result');
  const form = h('form', { id: 'vault-password-form', class: 'card', novalidate: true, 'aria-labelledby': 'vault-password-title' },
    h('p', { class: 'hint', text: t('vaultPasswordIntro') }),
    current.wrapper, fresh.password.wrapper, fresh.confirm.wrapper,
    h('div', { class: 'actions' }, submit), status.element);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    current.setError(undefined);
    if (current.input.value === '') {
      current.setError(t('errorRequired'));
      current.input.focus();
      return;
    }
    if (!fresh.check()) return;
    status.show(t('changingVaultPassword'), 'progress');
    void whileBusy(submit, t('changingVaultPassword'), async () => {
      try {
        await ask({ type: 'change-vault-password', currentPassword: current.input.value, newPassword: fresh.password.input.value });
        // Passwords are not left in the page once used.
        for (const field of [current, fresh.password, fresh.confirm]) field.input.value = '';
        status.show(t('vaultPasswordChanged'), 'success');
      } catch (error) {
        if (error instanceof BackgroundError && error.code === 'wrong-password') {
          current.setError(errorText(error));
          current.input.focus();
        }
        status.show(errorText(error), 'error');
      }
    });
  });
  return h('section', { id: 'vault-password-section', 'aria-labelledby': 'vault-password-title' },
    h('h2', { id: 'vault-password-title', text: t('vaultPasswordTitle') }),
    form);
}
