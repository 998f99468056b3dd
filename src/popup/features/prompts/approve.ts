/**
 * Manual confirmation: the account's policy asks before the extension uses a held secret. Worded
 * here from the prompt's fields (`action`, `challenge`); the prompt carries no sentence of its own.
 * Focus starts on what is being asked, not on Approve: approving is a security decision, and an
 * Enter pressed for something else must not make it.
 */
import type { ApprovePrompt } from '../../../cognito/engine/prompts';
import { h } from '../../../ui/dom';
import { t } from '../../../ui/i18n';
import type { PromptForm } from './prompt-form';

export function approveForm(prompt: ApprovePrompt): PromptForm {
  const approve = h('button', { type: 'submit', class: 'primary', id: 'approve', 'data-testid': 'approve', text: t('approve') });
  const deny = h('button', { type: 'submit', class: 'danger', id: 'deny', 'data-testid': 'deny', text: t('deny') });
  const what = prompt.action === 'device' ? t('approveDeviceAction') : t('approveTotpAction');
  const description = h('p', { id: 'prompt-description', tabindex: '-1', text: what });
  return {
    body: [description, h('p', { class: 'hint', text: t('approveChallengeHint', prompt.challenge) })],
    buttons: [approve, deny],
    focus: description,
    collect: (submitter) => ({ ok: true, answer: { kind: 'approve', approve: submitter === approve } }),
    showError: () => undefined,
  };
}
