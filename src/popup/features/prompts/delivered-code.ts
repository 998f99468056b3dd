/** SMS_MFA / SMS_OTP / EMAIL_OTP: a code Cognito sent to the person's phone or mailbox. */
import type { CodePrompt } from '../../../cognito/engine/prompts';
import { inputField } from '../../../ui/components/form-field';
import { t } from '../../../ui/i18n';
import { deliveredCodeAnswer } from '../../prompt-answers';
import { submitButton } from './buttons';
import type { PromptForm } from './prompt-form';

export function deliveredCodeForm(prompt: CodePrompt): PromptForm {
  const sentTo = prompt.destination
    ? t(prompt.kind === 'sms-code' ? 'smsCodeSentTo' : 'emailCodeSentTo', prompt.destination)
    : t(prompt.kind === 'sms-code' ? 'smsCodeSent' : 'emailCodeSent');
  const field = inputField({ id: 'prompt-code', label: t('deliveredCodeLabel'), hint: sentTo, required: true, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 12 });
  return {
    body: [field.wrapper],
    buttons: [submitButton()],
    focus: field.input,
    collect: () => deliveredCodeAnswer(prompt.kind, field.input.value),
    showError: (_f, message) => field.setError(message),
  };
}
