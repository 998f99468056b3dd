/**
 * What the Cognito and the plain OTP account forms share: their error line, Save and Cancel
 * buttons, Escape to cancel, and the save step (disable Save, send, announce, close, or show why
 * it failed). Each form builds its own fields and decides what to send.
 */
import type { Policy } from '../../shared/requests';
import { h } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { showErrorIn } from '../../ui/components/error-text';
import type { Field } from '../../ui/components/form-field';
import { t } from '../../ui/i18n';
import type { FieldErrors } from '../account-form-model';

export interface AccountFormOptions<S> {
  existing?: S;
  defaultPolicy: Policy;
  /** Called after a successful save (true) or on Cancel (false). */
  onDone(saved: boolean): void;
}

export interface AccountFormFrame {
  formError: HTMLElement;
  /** The Save and Cancel buttons, for the end of the form. */
  actions: HTMLElement;
  /** Lets Escape anywhere in `form` cancel, as the Cancel button does. */
  closeOnEscape(form: HTMLFormElement): void;
  clearFormError(): void;
  /**
   * Sends the account. `send` resolves false when it stopped early and already showed why on a
   * field (e.g. the endpoint permission was refused); the form then stays open.
   */
  save(send: () => Promise<boolean | void>): Promise<void>;
}

/** `prefix` names the ids: #<prefix>-save, #<prefix>-cancel, #<prefix>-form-error. */
export function accountFormFrame(prefix: string, editing: boolean, onDone: (saved: boolean) => void): AccountFormFrame {
  const formError = h('p', { class: 'error', id: `${prefix}-form-error`, role: 'alert', hidden: true });
  const saveButton = h('button', { type: 'submit', class: 'primary', id: `${prefix}-save`, 'data-testid': 'account-save', text: editing ? t('saveChanges') : t('addAccount') });
  const cancel = h('button', { type: 'button', id: `${prefix}-cancel`, 'data-testid': 'account-cancel', text: t('cancel'), on: { click: () => onDone(false) } });
  return {
    formError,
    actions: h('div', { class: 'actions' }, saveButton, cancel),
    closeOnEscape(form) {
      form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') onDone(false);
      });
    },
    clearFormError() {
      formError.hidden = true;
    },
    async save(send) {
      saveButton.disabled = true;
      try {
        if ((await send()) === false) return;
        announce(editing ? t('accountSaved') : t('accountAdded'));
        onDone(true);
      } catch (error) {
        showErrorIn(formError, error);
        formError.hidden = false;
      } finally {
        saveButton.disabled = false;
      }
    },
  };
}

/** Shows each field's error and moves focus to the first wrong field. */
export function showErrors(fields: Record<string, Field<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>>, errors: FieldErrors): void {
  let first: HTMLElement | undefined;
  for (const [name, key] of Object.entries(errors)) {
    const field = fields[name];
    if (!field) continue;
    field.setError(t(key));
    first ??= field.input;
  }
  first?.focus();
}
