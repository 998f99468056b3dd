/** NEW_PASSWORD_REQUIRED: first sign-in with a temporary password, plus any missing required attributes. */
import type { NewPasswordPrompt } from '../../../cognito/engine/prompts';
import { h } from '../../../ui/dom';
import { inputField, type Field } from '../../../ui/components/form-field';
import { t, tOr } from '../../../ui/i18n';
import { newPasswordAnswer } from '../../prompt-answers';
import { submitButton } from './buttons';
import type { PromptForm } from './prompt-form';

/** Input types that help browsers and on-screen keyboards for the standard attributes. */
const ATTRIBUTE_INPUT_TYPES: Record<string, string> = { email: 'email', phone_number: 'tel', birthdate: 'date', website: 'url' };

export function newPasswordForm(prompt: NewPasswordPrompt): PromptForm {
  const password = inputField({ id: 'prompt-new-password', label: t('newPasswordLabel'), type: 'password', required: true, autocomplete: 'new-password' });
  const confirm = inputField({ id: 'prompt-confirm-password', label: t('confirmPasswordLabel'), type: 'password', required: true, autocomplete: 'new-password' });
  const attributeFields = new Map<string, Field>();
  for (const name of prompt.requiredAttributes) {
    attributeFields.set(name, inputField({
      id: `prompt-attr-${name.replace(/[^\w-]/g, '_')}`,
      label: tOr(`attribute_${name}`, name),
      type: ATTRIBUTE_INPUT_TYPES[name] ?? 'text',
      required: true,
      testid: 'required-attribute',
    }));
  }
  const fieldFor = (name: string): Field | undefined =>
    name === 'new-password' ? password : name === 'confirm' ? confirm : attributeFields.get(name.replace(/^attr:/, ''));
  return {
    body: [
      h('p', { text: t('newPasswordIntro') }),
      password.wrapper,
      confirm.wrapper,
      attributeFields.size > 0 ? h('p', { class: 'hint', text: t('requiredAttributesIntro') }) : null,
      ...[...attributeFields.values()].map((f) => f.wrapper),
    ],
    buttons: [submitButton(t('setNewPassword'))],
    focus: password.input,
    collect: () => {
      for (const field of [password, confirm, ...attributeFields.values()]) field.setError(undefined);
      const values = Object.fromEntries([...attributeFields].map(([name, f]) => [name, f.input.value]));
      return newPasswordAnswer(password.input.value, confirm.input.value, prompt.requiredAttributes, values);
    },
    showError: (field, message) => fieldFor(field)?.setError(message),
  };
}
