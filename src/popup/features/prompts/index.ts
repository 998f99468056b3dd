/**
 * Every prompt the sign-in engine can show, one form per kind. Adding a prompt kind to the engine
 * makes this map fail to type-check until its form is written here.
 */
import type { Prompt, PromptKind } from '../../../cognito/engine/prompts';
import { approveForm } from './approve';
import { customChallengeForm } from './custom-challenge';
import { deliveredCodeForm } from './delivered-code';
import { mfaSetupForm } from './mfa-setup';
import { newPasswordForm } from './new-password';
import { passwordForm } from './password';
import type { PromptForm } from './prompt-form';
import { selectChallengeForm } from './select-challenge';
import { selectMfaTypeForm } from './select-mfa-type';
import { totpCodeForm } from './totp-code';

type FormFor = { [K in PromptKind]: (prompt: Extract<Prompt, { kind: K }>) => PromptForm };

const promptForms: FormFor = {
  'approve': approveForm,
  'password': passwordForm,
  'totp-code': totpCodeForm,
  'mfa-setup': mfaSetupForm,
  'new-password': newPasswordForm,
  'sms-code': deliveredCodeForm,
  'email-code': deliveredCodeForm,
  'custom-challenge': customChallengeForm,
  'select-challenge': selectChallengeForm,
  'select-mfa-type': selectMfaTypeForm,
};

export function promptForm(prompt: Prompt): PromptForm {
  const build = promptForms[prompt.kind] as (p: Prompt) => PromptForm;
  return build(prompt);
}
