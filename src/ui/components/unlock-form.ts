/**
 * The vault's unlock form, shared by the popup and the options page (which may be open on its own
 * while the vault is locked). Sends `unlock`; a wrong password shows the error under the field and
 * keeps focus there with the text selected, ready to retype.
 */
import { ask, BackgroundError } from '../ask-background';
import { h } from '../dom';
import { t } from '../i18n';
import { whileBusy } from './busy-button';
import { errorText } from './error-text';
import { inputField } from './form-field';

export interface UnlockForm {
  form: HTMLFormElement;
  password: HTMLInputElement;
}

/** `idPrefix` keeps the page's ids apart: '' gives #unlock-form, #unlock-password, #unlock-submit. */
export function unlockForm(idPrefix: string, onUnlocked: () => Promise<void> | void): UnlockForm {
  const id = (name: string) => `${idPrefix}unlock-${name}`;
  const password = inputField({ id: id('password'), label: t('vaultPasswordLabel'), type: 'password', required: true, autocomplete: 'current-password', testid: id('password') });
  const submit = h('button', { type: 'submit', class: 'primary', id: id('submit'), 'data-testid': id('submit'), text: t('unlock') });
  const form = h('form', { id: id('form'), 'aria-labelledby': id('title'), novalidate: true },
    h('h2', { id: id('title'), text: t('unlockTitle') }),
    password.wrapper,
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    password.setError(undefined);
    if (password.input.value === '') {
      password.setError(t('errorRequired'));
      password.input.focus();
      return;
    }
    let unlocked = false;
    try {
      await whileBusy(submit, t('unlocking'), () => ask({ type: 'unlock', password: password.input.value }));
      unlocked = true;
    } catch (error) {
      const wrong = error instanceof BackgroundError && error.code === 'wrong-password';
      password.setError(wrong ? t('errorWrongPassword') : errorText(error));
      password.input.select();
      password.input.focus();
    }
    if (unlocked) await onUnlocked();
  });
  return { form, password: password.input };
}
