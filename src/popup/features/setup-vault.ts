/** First run: choose the vault password (typed twice), with a strength hint. Sends `setup-vault`. */
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { inputField } from '../../ui/components/form-field';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import { estimatePasswordStrength, MIN_VAULT_PASSWORD_LENGTH } from '../../ui/password-strength';
import type { PopupContext, ViewRenderer } from '../popup-context';

const METER_VALUE = { 'too-short': 0, weak: 1, fair: 2, strong: 3 } as const;

export const setupVaultView: ViewRenderer<{ name: 'setup' }> = (ctx: PopupContext) => {
  const password = inputField({ id: 'setup-password', label: t('setupPasswordLabel'), type: 'password', required: true, autocomplete: 'new-password', hint: t('setupPasswordHint', MIN_VAULT_PASSWORD_LENGTH) });
  const confirm = inputField({ id: 'setup-confirm', label: t('confirmPasswordLabel'), type: 'password', required: true, autocomplete: 'new-password' });
  const meter = h('meter', { id: 'setup-strength-meter', min: 0, max: 3, low: 1.5, high: 2.5, optimum: 3, value: 0, 'aria-hidden': 'true' });
  const strength = h('p', { class: 'hint', id: 'setup-strength', 'data-testid': 'setup-strength', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'setup-submit', 'data-testid': 'setup-submit', text: t('createVault') });
  const formError = h('p', { class: 'error', id: 'setup-error', role: 'alert', hidden: true });

  password.input.addEventListener('input', () => {
    const estimate = estimatePasswordStrength(password.input.value);
    meter.value = METER_VALUE[estimate.level];
    strength.textContent = password.input.value === '' ? '' : t(`strength_${estimate.level.replace('-', '_')}`);
  });

  const form = h('form', { id: 'setup-form', 'aria-labelledby': 'setup-title', novalidate: true },
    h('h2', { id: 'setup-title', text: t('setupTitle') }),
    h('p', { text: t('setupIntro') }),
    password.wrapper, meter, strength, confirm.wrapper, formError,
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    password.setError(undefined);
    confirm.setError(undefined);
    formError.hidden = true;
    if ([...password.input.value].length < MIN_VAULT_PASSWORD_LENGTH) {
      password.setError(t('errorPasswordTooShort', MIN_VAULT_PASSWORD_LENGTH));
      password.input.focus();
      return;
    }
    if (password.input.value !== confirm.input.value) {
      confirm.setError(t('errorPasswordsDiffer'));
      confirm.input.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('creatingVault');
    try {
      await ask({ type: 'setup-vault', password: password.input.value });
      await ctx.refresh();
    } catch (error) {
      formError.textContent = errorText(error);
      formError.hidden = false;
      submit.disabled = false;
      submit.textContent = t('createVault');
      password.input.focus();
    }
  });

  ctx.main.append(form);
  password.input.focus();
};
