/**
 * MFA_SETUP: ask consent before the extension enrols itself as the account's authenticator.
 * Declining ends the sign-in (Cognito allows no way past MFA_SETUP without enrolling).
 */
import type { MfaSetupPrompt } from '../../../cognito/engine/prompts';
import { h } from '../../../ui/dom';
import { t } from '../../../ui/i18n';
import type { PromptForm } from './prompt-form';

export function mfaSetupForm(prompt: MfaSetupPrompt): PromptForm {
  const canUseTotp = prompt.methods.length === 0 || prompt.methods.includes('SOFTWARE_TOKEN_MFA');
  const approve = h('button', { type: 'submit', class: 'primary', id: 'approve', 'data-testid': 'approve', text: t('mfaSetupConsent'), disabled: !canUseTotp });
  const deny = h('button', { type: 'submit', id: 'deny', 'data-testid': 'deny', text: t('mfaSetupDecline') });
  return {
    body: [
      h('p', { id: 'prompt-description', text: t('mfaSetupExplain') }),
      h('p', { class: 'hint', text: t('mfaSetupSecondDevice') }),
      canUseTotp ? '' : h('p', { class: 'error', role: 'alert', text: t('mfaSetupNoTotp', prompt.methods.join(', ')) }),
    ],
    buttons: [approve, deny],
    focus: canUseTotp ? approve : deny,
    collect: (submitter) => ({ ok: true, answer: { kind: 'mfa-setup', approve: submitter === approve } }),
    showError: () => undefined,
  };
}
