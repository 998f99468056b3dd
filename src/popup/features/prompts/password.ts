/**
 * The account stores no password: ask for it for this sign-in only (it is not saved). When Cognito
 * refused the last one, the prompt comes back with the error (how many were refused in this
 * sign-in) beside the field, and the field is cleared and focused for the next try.
 */
import type { PasswordPrompt } from '../../../cognito/engine/prompts';
import { inputField } from '../../../ui/components/form-field';
import { errorText } from '../../../ui/components/error-text';
import { t } from '../../../ui/i18n';
import { submitButton } from './buttons';
import type { PromptForm } from './prompt-form';

export function passwordForm(prompt: PasswordPrompt): PromptForm {
  const field = inputField({ id: 'prompt-password', label: t('passwordFor', prompt.username), type: 'password', required: true, autocomplete: 'current-password' });
  const error = prompt.error;
  if (error) {
    const failed = error.details?.failedAttempts;
    field.setError(error.code === 'incorrect-password' && failed !== undefined ? t('promptPasswordIncorrect', failed) : errorText(error));
  }
  return {
    body: [field.wrapper],
    buttons: [submitButton(t('signIn'))],
    focus: field.input,
    collect: () => field.input.value === ''
      ? { ok: false, field: 'password', errorKey: 'errorRequired' }
      : { ok: true, answer: { kind: 'password', password: field.input.value } },
    showError: (_f, message) => field.setError(message),
    showsPromptError: error !== undefined,
  };
}
