/** The account stores no password: ask for it for this sign-in only (it is not saved). */
import type { PasswordPrompt } from '../../../cognito/engine/prompts';
import { inputField } from '../../../ui/components/form-field';
import { t } from '../../../ui/i18n';
import { submitButton } from './buttons';
import type { PromptForm } from './prompt-form';

export function passwordForm(prompt: PasswordPrompt): PromptForm {
  const field = inputField({ id: 'prompt-password', label: t('passwordFor', prompt.username), type: 'password', required: true, autocomplete: 'current-password' });
  return {
    body: [field.wrapper],
    buttons: [submitButton(t('signIn'))],
    focus: field.input,
    collect: () => field.input.value === ''
      ? { ok: false, field: 'password', errorKey: 'errorRequired' }
      : { ok: true, answer: { kind: 'password', password: field.input.value } },
    showError: (_f, message) => field.setError(message),
  };
}
