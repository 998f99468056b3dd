/**
 * MFA_SETUP: ask consent before the extension enrols itself as the account's authenticator, or,
 * when the pool offers e-mail codes (EMAIL_OTP), for the address to set them up with (as Amplify
 * v6 does: the pool then sends a code, asked for by the next prompt).
 * Declining ends the sign-in (Cognito allows no way past MFA_SETUP without enrolling), so there is
 * one way to decline, the flow's own "Cancel sign-in", and the form says so instead of offering a
 * second button that did the same. Focus starts on the explanation, not on the accepting button:
 * enrolling is a security decision, and Enter alone must not make it.
 */
import type { MfaSetupPrompt } from '../../../cognito/engine/prompts';
import { inputField } from '../../../ui/components/form-field';
import { h } from '../../../ui/dom';
import { t } from '../../../ui/i18n';
import type { PromptForm } from './prompt-form';

export function mfaSetupForm(prompt: MfaSetupPrompt): PromptForm {
  const canUseTotp = prompt.methods.length === 0 || prompt.methods.includes('SOFTWARE_TOKEN_MFA');
  const canUseEmail = prompt.methods.includes('EMAIL_OTP');
  const approve = h('button', { type: 'submit', class: 'primary', id: 'approve', 'data-testid': 'approve', text: t('mfaSetupConsent'), disabled: !canUseTotp });
  const email = canUseEmail
    ? inputField({ id: 'prompt-mfa-email', label: t('mfaSetupEmailLabel'), type: 'email', autocomplete: 'email', maxlength: 2048, testid: 'mfa-email' })
    : undefined;
  const useEmail = email
    ? h('button', { type: 'submit', class: canUseTotp ? '' : 'primary', id: 'approve-email', 'data-testid': 'approve-email', text: t('mfaSetupUseEmail') })
    : undefined;
  // Enter in the address field means "use this address": left to the browser, implicit submission
  // would press the form's first button, which enrols the extension as the authenticator instead.
  if (email && useEmail) {
    email.input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing) return;
      event.preventDefault();
      useEmail.click();
    });
  }
  const description = h('p', { id: 'prompt-description', tabindex: '-1', text: t(canUseTotp ? 'mfaSetupExplain' : 'mfaSetupEmailExplain') });
  return {
    body: [
      description,
      canUseTotp ? h('p', { class: 'hint', text: t('mfaSetupSecondDevice') }) : '',
      canUseTotp || canUseEmail ? '' : h('p', { class: 'error', role: 'alert', text: t('mfaSetupNoTotp', prompt.methods.join(', ')) }),
      email ? email.wrapper : '',
      h('p', { class: 'hint', 'data-testid': 'mfa-setup-decline-hint', text: t('mfaSetupDeclineHint') }),
    ],
    buttons: [...(canUseTotp ? [approve] : []), ...(useEmail ? [useEmail] : [])],
    focus: canUseTotp || !email ? description : email.input,
    collect: (submitter) => {
      if (email && submitter === useEmail) {
        const address = email.input.value.trim();
        return address === ''
          ? { ok: false, field: 'email', errorKey: 'errorRequired' }
          : { ok: true, answer: { kind: 'mfa-setup', approve: true, email: address } };
      }
      return { ok: true, answer: { kind: 'mfa-setup', approve: true } };
    },
    showError: (_field, message) => email?.setError(message),
  };
}
