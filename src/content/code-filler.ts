// Puts a code into the target the finder chose, the way a person's typing does, so that
// frameworks which keep their own copy of a field's value (React's controlled inputs) see it as
// well as plain listeners and forms that read the DOM on submit (Amplify UI). It never submits the
// form: submitting is the person's step unless they turn it on for the site (not here).
import type { CodeTarget } from './code-field-finder';

export type FillOutcome =
  | { filled: true }
  /** The code does not fit the target (N boxes for a code of another length, or a maxlength too short). */
  | { filled: false; reason: 'length-mismatch' | 'not-a-code' };

/** A one-time code is digits only; anything else reaching a page would be a bug upstream. */
const CODE = /^\d{4,10}$/;

export function fillCode(target: CodeTarget, code: string): FillOutcome {
  if (!CODE.test(code)) return { filled: false, reason: 'not-a-code' };
  if (target.kind === 'split') {
    if (target.boxes.length !== code.length) return { filled: false, reason: 'length-mismatch' };
    target.boxes.forEach((box, i) => typeInto(box, code[i]!));
    return { filled: true };
  }
  const { field } = target;
  if (field.maxLength > 0 && field.maxLength < code.length) return { filled: false, reason: 'length-mismatch' };
  typeInto(field, code);
  return { filled: true };
}

/**
 * Sets the value through HTMLInputElement's own setter, not `field.value = …`: React replaces the
 * instance's value property to track it, and a change made through that property looks to React
 * like its own render, so the input event that follows would be ignored. Then the events typing
 * fires, bubbling, so delegated listeners (React's at the root) hear them. As the browser's own:
 * `input` is composed (it leaves a web component's shadow root, so the page around it hears the
 * typing), `change` is not.
 */
function typeInto(field: HTMLInputElement, text: string): void {
  const view = field.ownerDocument.defaultView;
  if (!view) return;
  field.focus();
  const setValue = Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value')!.set!;
  setValue.call(field, text);
  field.dispatchEvent(new view.InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
  field.dispatchEvent(new view.Event('change', { bubbles: true }));
}
