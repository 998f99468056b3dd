/** A radio group for SELECT_CHALLENGE / SELECT_MFA_TYPE; the names get translated labels when known. */
import { h } from '../../../ui/dom';
import { tOr } from '../../../ui/i18n';

export interface ChoiceList {
  fieldset: HTMLFieldSetElement;
  first: HTMLInputElement;
  selected(): string | undefined;
  onChange(listener: (value: string) => void): void;
  setError(message: string | undefined): void;
}

export function choiceList(legend: string, options: readonly string[]): ChoiceList {
  const radios = options.map((option, i) => h('input', {
    type: 'radio', name: 'choice', value: option, id: `choice-${i}`, 'data-testid': 'choice', checked: i === 0,
  }));
  const error = h('p', { class: 'hint error', role: 'alert', hidden: true });
  const fieldset = h('fieldset', {},
    h('legend', { text: legend }),
    ...radios.map((radio, i) => h('label', { class: 'inline', for: radio.id }, radio, tOr(`challenge_${options[i]}`, options[i]!))),
    error);
  return {
    fieldset,
    first: radios[0] ?? h('input', { type: 'radio' }),
    selected: () => radios.find((r) => r.checked)?.value,
    onChange: (listener) => radios.forEach((r) => r.addEventListener('change', () => listener(r.value))),
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
    },
  };
}
