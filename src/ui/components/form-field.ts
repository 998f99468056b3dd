/**
 * A labelled form control with an optional hint and an error slot wired through
 * aria-describedby, so every input has a visible label and errors are read with the field.
 */
import { h } from '../dom';

export interface FieldOptions {
  id: string;
  label: string;
  type?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  value?: string;
  /**
   * An example in the field's own format (`eu-west-1_AbCdEf123`, a URL), the same in every
   * language: shown as the placeholder and marked translate="no". Words go in the label or hint.
   */
  placeholder?: string;
  inputmode?: string;
  pattern?: string;
  maxlength?: number;
  testid?: string;
}

export interface Field<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement = HTMLInputElement> {
  wrapper: HTMLElement;
  input: E;
  setError(message: string | undefined): void;
}

export function inputField(options: FieldOptions): Field {
  const input = h('input', {
    id: options.id,
    type: options.type ?? 'text',
    required: options.required,
    autocomplete: options.autocomplete ?? 'off',
    placeholder: options.placeholder,
    translate: options.placeholder === undefined ? undefined : 'no',
    inputmode: options.inputmode,
    pattern: options.pattern,
    maxlength: options.maxlength,
    spellcheck: 'false',
    'data-testid': options.testid,
  });
  if (options.value !== undefined) input.value = options.value;
  return wrap(input, options);
}

export function textAreaField(options: FieldOptions): Field<HTMLTextAreaElement> {
  const input = h('textarea', { id: options.id, required: options.required, spellcheck: 'false', placeholder: options.placeholder, translate: options.placeholder === undefined ? undefined : 'no', 'data-testid': options.testid });
  if (options.value !== undefined) input.value = options.value;
  return wrap(input, options);
}

export function selectField(options: FieldOptions & { choices: { value: string; label: string }[] }): Field<HTMLSelectElement> {
  const input = h('select', { id: options.id, 'data-testid': options.testid },
    ...options.choices.map((c) => h('option', { value: c.value, text: c.label })));
  if (options.value !== undefined) input.value = options.value;
  return wrap(input, options);
}

export function checkboxField(options: { id: string; label: string; checked: boolean; hint?: string; testid?: string }): Field {
  const input = h('input', { id: options.id, type: 'checkbox', 'data-testid': options.testid });
  input.checked = options.checked;
  const hint = options.hint ? h('p', { class: 'hint', id: `${options.id}-hint`, text: options.hint }) : null;
  if (hint) input.setAttribute('aria-describedby', hint.id);
  const wrapper = h('div', { class: 'field' }, h('label', { class: 'inline', for: options.id }, input, options.label), hint);
  return { wrapper, input, setError: () => undefined };
}

function wrap<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(input: E, options: FieldOptions): Field<E> {
  const hint = options.hint ? h('p', { class: 'hint', id: `${options.id}-hint`, text: options.hint }) : null;
  const error = h('p', { class: 'hint error', id: `${options.id}-error`, role: 'alert', hidden: true });
  const describedBy = [hint?.id, error.id].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', describedBy);
  const wrapper = h('div', { class: 'field' }, h('label', { for: options.id, text: options.label }), input, hint, error);
  return {
    wrapper,
    input,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}
