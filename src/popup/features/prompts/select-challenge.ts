/** SELECT_CHALLENGE (USER_AUTH): pick how to sign in; password ones may need the password. */
import type { SelectChallengePrompt } from '../../../cognito/engine/prompts';
import { inputField } from '../../../ui/components/form-field';
import { t } from '../../../ui/i18n';
import { PASSWORD_CHALLENGES, selectChallengeAnswer } from '../../prompt-answers';
import { choiceList } from './choice-list';
import { submitButton } from './buttons';
import type { PromptForm } from './prompt-form';

export function selectChallengeForm(prompt: SelectChallengePrompt): PromptForm {
  const choices = choiceList(t('selectChallengeLegend'), prompt.options);
  const password = inputField({ id: 'prompt-password', label: t('passwordIfNotSaved'), type: 'password', autocomplete: 'current-password' });
  const syncPasswordVisibility = (choice: string | undefined) => { password.wrapper.hidden = !PASSWORD_CHALLENGES.includes(choice ?? ''); };
  syncPasswordVisibility(choices.selected());
  choices.onChange(syncPasswordVisibility);
  return {
    body: [choices.fieldset, password.wrapper],
    buttons: [submitButton()],
    focus: choices.first,
    collect: () => selectChallengeAnswer(prompt.options, choices.selected(), password.input.value),
    showError: (_f, message) => choices.setError(message),
  };
}
