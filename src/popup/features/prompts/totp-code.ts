/** SOFTWARE_TOKEN_MFA with no secret in the vault: the code comes from another authenticator. */
import type { TotpCodePrompt } from '../../../cognito/engine/prompts';
import { inputField } from '../../../ui/components/form-field';
import { t } from '../../../ui/i18n';
import { totpCodeAnswer } from '../../prompt-answers';
import { submitButton } from './buttons';
import type { PromptForm } from './prompt-form';

export function totpCodeForm(_prompt: TotpCodePrompt): PromptForm {
  const field = inputField({ id: 'prompt-code', label: t('totpCodeLabel'), hint: t('totpCodeHint'), required: true, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 9 });
  return {
    body: [field.wrapper],
    buttons: [submitButton()],
    focus: field.input,
    collect: () => totpCodeAnswer(field.input.value),
    showError: (_f, message) => field.setError(message),
  };
}
