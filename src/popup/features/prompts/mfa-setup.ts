/**
 * MFA_SETUP: ask consent before the extension enrols itself as the account's authenticator, or,
 * when the pool offers e-mail codes (EMAIL_OTP), for the address to set them up with (as Amplify
 * v6 does: the pool then sends a code, asked for by the next prompt).
 * Declining ends the sign-in (Cognito allows no way past MFA_SETUP without enrolling).
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
  const deny = h('button', { type: 'submit', id: 'deny', 'data-testid': 'deny', text: t('mfaSetupDecline') });
  const email = canUseEmail
    ? inputField({ id: 'prompt-mfa-email', label: t('mfaSetupEmailLabel'), type: 'email', autocomplete: 'email', maxlength: 2048, testid: 'mfa-email' })
    : undefined;
  const useEmail = email
    ? h('button', { type: 'submit', class: canUseTotp ? '' : 'primary', id: 'approve-email', 'data-testid': 'approve-email', text: t('mfaSetupUseEmail') })
    : undefined;
  return {
    body: [
      h('p', { id: 'prompt-description', text: t(canUseTotp ? 'mfaSetupExplain' : 'mfaSetupEmailExplain') }),
      canUseTotp ? h('p', { class: 'hint', text: t('mfaSetupSecondDevice') }) : '',
      canUseTotp || canUseEmail ? '' : h('p', { class: 'error', role: 'alert', text: t('mfaSetupNoTotp', prompt.methods.join(', ')) }),
      email ? email.wrapper : '',
    ],
    buttons: [...(canUseTotp ? [approve] : []), ...(useEmail ? [useEmail] : []), deny],
    focus: canUseTotp ? approve : email ? email.input : deny,
    collect: (submitter) => {
      if (email && submitter === useEmail) {
        const address = email.input.value.trim();
        return address === ''
          ? { ok: false, field: 'email', errorKey: 'errorRequired' }
          : { ok: true, answer: { kind: 'mfa-setup', approve: true, email: address } };
      }
      return { ok: true, answer: { kind: 'mfa-setup', approve: submitter === approve } };
    },
    showError: (_field, message) => email?.setError(message),
  };
}
