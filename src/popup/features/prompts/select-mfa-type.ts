/** SELECT_MFA_TYPE: the user has several MFA methods and Cognito asks which one to use now. */
import type { SelectMfaTypePrompt } from '../../../cognito/engine/prompts';
import { t } from '../../../ui/i18n';
import { selectMfaTypeAnswer } from '../../prompt-answers';
import { choiceList } from './choice-list';
import { submitButton } from './buttons';
import type { PromptForm } from './prompt-form';

export function selectMfaTypeForm(prompt: SelectMfaTypePrompt): PromptForm {
  const choices = choiceList(t('selectMfaTypeLegend'), prompt.options);
  return {
    body: [choices.fieldset],
    buttons: [submitButton()],
    focus: choices.first,
    collect: () => selectMfaTypeAnswer(prompt.options, choices.selected()),
    showError: (_f, message) => choices.setError(message),
  };
}
