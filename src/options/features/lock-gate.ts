/**
 * The options page needs an open vault. Without one it shows why: no vault yet (set it up in the
 * toolbar popup), or locked (unlock here; sends `unlock`). Resolves once the vault is open.
 */
import { ask, BackgroundError } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { inputField } from '../../ui/components/form-field';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';

export async function whenUnlocked(main: HTMLElement): Promise<void> {
  const status = await ask({ type: 'status' });
  if (status.initialized && !status.locked) return;
  if (!status.initialized) {
    replaceChildren(main, h('p', { 'data-testid': 'options-no-vault', text: t('optionsNoVault') }));
    // Setting up happens in the popup; poll so this page follows without a reload.
    await new Promise<void>((resolve) => {
      const timer = window.setInterval(async () => {
        const next = await ask({ type: 'status' }).catch(() => undefined);
        if (next?.initialized && !next.locked) {
          window.clearInterval(timer);
          resolve();
        }
      }, 2000);
    });
    return;
  }
  return new Promise<void>((resolve) => {
    const password = inputField({ id: 'options-unlock-password', label: t('vaultPasswordLabel'), type: 'password', required: true, autocomplete: 'current-password' });
    const submit = h('button', { type: 'submit', class: 'primary', id: 'options-unlock-submit', text: t('unlock') });
    const form = h('form', { id: 'options-unlock-form', novalidate: true, 'aria-labelledby': 'options-unlock-title' },
      h('h2', { id: 'options-unlock-title', text: t('unlockTitle') }), password.wrapper, h('div', { class: 'actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      password.setError(undefined);
      if (password.input.value === '') {
        password.setError(t('errorRequired'));
        return;
      }
      submit.disabled = true;
      try {
        await ask({ type: 'unlock', password: password.input.value });
        resolve();
      } catch (error) {
        password.setError(error instanceof BackgroundError && error.code === 'wrong-password' ? t('errorWrongPassword') : errorText(error));
        password.input.select();
        password.input.focus();
      } finally {
        submit.disabled = false;
      }
    });
    replaceChildren(main, form);
    password.input.focus();
  });
}
