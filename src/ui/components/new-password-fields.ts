/**
 * A new password typed twice (the vault password, a backup password): both fields, and the check
 * that it is long enough and typed the same twice, which marks the wrong field and focuses it.
 */
import { t } from '../i18n';
import { MIN_NEW_PASSWORD_LENGTH, isLongEnoughNewPassword } from '../../shared/password-rules';
import { inputField, type Field } from './form-field';

export interface NewPasswordFields {
  password: Field;
  confirm: Field;
  /** Clears old errors, then flags the first problem; true when the password can be used. */
  check(): boolean;
}

export function newPasswordFields(options: { passwordId: string; confirmId: string; label: string; hint?: string }): NewPasswordFields {
  const password = inputField({ id: options.passwordId, label: options.label, type: 'password', required: true, autocomplete: 'new-password', hint: options.hint });
  const confirm = inputField({ id: options.confirmId, label: t('confirmPasswordLabel'), type: 'password', required: true, autocomplete: 'new-password' });
  return {
    password,
    confirm,
    check() {
      password.setError(undefined);
      confirm.setError(undefined);
      if (!isLongEnoughNewPassword(password.input.value)) {
        password.setError(t('errorPasswordTooShort', MIN_NEW_PASSWORD_LENGTH));
        password.input.focus();
        return false;
      }
      if (password.input.value !== confirm.input.value) {
        confirm.setError(t('errorPasswordsDiffer'));
        confirm.input.focus();
        return false;
      }
      return true;
    },
  };
}
