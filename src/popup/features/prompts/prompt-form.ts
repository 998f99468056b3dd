/**
 * The contract between the sign-in flow view and one prompt's form. Each prompt kind has its own
 * file in this folder and is registered in index.ts.
 */
import type { Child } from '../../../ui/dom';
import type { AnswerCheck } from '../../prompt-answers';

export interface PromptForm {
  /** Controls placed inside #prompt-form, above the buttons. */
  body: Child[];
  /** Buttons; each is a submit button, and `collect` learns which one was pressed. */
  buttons: HTMLButtonElement[];
  /** What gets focus when the prompt appears. */
  focus: HTMLElement;
  collect(submitter: HTMLElement | null): AnswerCheck;
  /** Flags a field named in an AnswerCheck failure. */
  showError(field: string, message: string): void;
  /** The form shows the prompt's own error (Cognito refused the last answer) beside its field. */
  showsPromptError?: boolean;
}
