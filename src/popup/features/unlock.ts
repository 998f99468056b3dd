/** Locked vault: the unlock form. A wrong password shows the error and keeps focus in the field. Sends `unlock`. */
import { ask, BackgroundError } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { inputField } from '../../ui/components/form-field';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import type { PopupContext, ViewRenderer } from '../popup-context';

export const unlockView: ViewRenderer<{ name: 'unlock' }> = (ctx: PopupContext) => {
  const password = inputField({ id: 'unlock-password', label: t('vaultPasswordLabel'), type: 'password', required: true, autocomplete: 'current-password' });
  password.input.setAttribute('data-testid', 'unlock-password');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'unlock-submit', 'data-testid': 'unlock-submit', text: t('unlock') });
  const form = h('form', { id: 'unlock-form', 'aria-labelledby': 'unlock-title', novalidate: true },
    h('h2', { id: 'unlock-title', text: t('unlockTitle') }),
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
    submit.disabled = true;
    submit.textContent = t('unlocking');
    try {
      await ask({ type: 'unlock', password: password.input.value });
      await ctx.refresh();
    } catch (error) {
      const wrong = error instanceof BackgroundError && error.code === 'wrong-password';
      password.setError(wrong ? t('errorWrongPassword') : errorText(error));
      password.input.select();
      password.input.focus();
      submit.disabled = false;
      submit.textContent = t('unlock');
    }
  });

  ctx.main.append(form);
  password.input.focus();
};
