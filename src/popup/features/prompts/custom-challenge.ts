/** CUSTOM_CHALLENGE: the pool's Lambda asks a question; its public parameters are shown as is. */
import type { CustomChallengePrompt } from '../../../cognito/engine/prompts';
import { h } from '../../../ui/dom';
import { inputField } from '../../../ui/components/form-field';
import { t } from '../../../ui/i18n';
import { customChallengeAnswer } from '../../prompt-answers';
import { submitButton } from './buttons';
import type { PromptForm } from './prompt-form';

export function customChallengeForm(prompt: CustomChallengePrompt): PromptForm {
  const entries = Object.entries(prompt.parameters);
  const details = entries.length === 0 ? null : h('dl', { 'data-testid': 'challenge-parameters' },
    ...entries.flatMap(([name, value]) => [h('dt', { class: 'muted', text: name }), h('dd', { class: 'mono', text: value })]));
  const field = inputField({ id: 'prompt-answer', label: t('customChallengeLabel'), required: true });
  return {
    body: [h('p', { text: t('customChallengeIntro') }), details, field.wrapper],
    buttons: [submitButton()],
    focus: field.input,
    collect: () => customChallengeAnswer(field.input.value),
    showError: (_f, message) => field.setError(message),
  };
}
