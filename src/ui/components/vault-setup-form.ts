/**
 * Creating the vault: the password typed twice, with a strength hint, sent as `setup-vault`.
 * One form for the two places a person starts: the popup's first view and the welcome page
 * opened on install. The password rule is src/shared/password-rules.ts's, which the background
 * enforces again.
 */
import { ask } from '../ask-background';
import { h } from '../dom';
import { whileBusy } from './busy-button';
import { showErrorIn } from './error-text';
import { newPasswordFields } from './new-password-fields';
import { t } from '../i18n';
import { MIN_NEW_PASSWORD_LENGTH } from '../../shared/password-rules';
import { estimatePasswordStrength } from '../password-strength';

const METER_VALUE = { 'too-short': 0, weak: 1, fair: 2, strong: 3 } as const;

export interface VaultSetupForm {
  form: HTMLFormElement;
  focus(): void;
}

/** `onCreated` runs once the background has created (and unlocked) the vault. */
export function vaultSetupForm(onCreated: () => void | Promise<void>): VaultSetupForm {
  const { password, confirm, check } = newPasswordFields({
    passwordId: 'setup-password', confirmId: 'setup-confirm', label: t('setupPasswordLabel'), hint: t('setupPasswordHint', MIN_NEW_PASSWORD_LENGTH),
  });
  const meter = h('meter', { id: 'setup-strength-meter', min: 0, max: 3, low: 1.5, high: 2.5, optimum: 3, value: 0, 'aria-hidden': 'true' });
  const strength = h('p', { class: 'hint', id: 'setup-strength', 'data-testid': 'setup-strength', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'setup-submit', 'data-testid': 'setup-submit', text: t('createVault') });
  const formError = h('p', { class: 'error', id: 'setup-error', role: 'alert', hidden: true });

  password.input.addEventListener('input', () => {
    const estimate = estimatePasswordStrength(password.input.value);
    meter.value = METER_VALUE[estimate.level];
    const text = password.input.value === '' ? '' : t(`strength_${estimate.level.replace('-', '_')}`);
    // A live region re-reads on every write; write only when the level changes, not per keystroke.
    if (strength.textContent !== text) strength.textContent = text;
  });

  const form = h('form', { id: 'setup-form', 'aria-labelledby': 'setup-title', novalidate: true },
    h('h2', { id: 'setup-title', text: t('setupTitle') }),
    h('p', { text: t('setupIntro') }),
    password.wrapper, meter, strength, confirm.wrapper, formError,
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.hidden = true;
    if (!check()) return;
    try {
      await whileBusy(submit, t('creatingVault'), () => ask({ type: 'setup-vault', password: password.input.value }));
    } catch (error) {
      showErrorIn(formError, error);
      formError.hidden = false;
      password.input.focus();
      return;
    }
    await onCreated();
  });

  return { form, focus: () => password.input.focus() };
}
