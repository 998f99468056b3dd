/**
 * Turns whatever a failed call threw (or an `{ code, message }` a flow or account carries) into
 * text a person can act on, in the page's language: see ../error-messages.ts for the table.
 */
import { BackgroundError } from '../ask-background';
import { h, replaceChildren, type Child } from '../dom';
import { errorLine, explainError, type ErrorView, type ShownError } from '../error-messages';
import { t } from '../i18n';

/** `{ code, message }` of a background refusal, a flow's or prompt's error, or any thrown value. */
function errorInfoOf(error: unknown): ShownError {
  if (error instanceof BackgroundError) return { code: error.code, message: error.message, exception: error.exception };
  if (isErrorInfo(error)) return { code: error.code, message: error.message, exception: typeof error.exception === 'string' ? error.exception : undefined };
  // A page-side failure (no code): its message is all there is.
  return { code: '', message: error instanceof Error ? error.message : String(error) };
}

function isErrorInfo(value: unknown): value is ShownError {
  return typeof value === 'object' && value !== null
    && typeof (value as ShownError).code === 'string' && typeof (value as ShownError).message === 'string';
}

export function explain(error: unknown): ErrorView {
  return explainError(errorInfoOf(error), t);
}

/** One line of text (sentence and detail): for announcements and fields that hold plain text. */
export function errorText(error: unknown): string {
  return errorLine(explain(error));
}

/**
 * The sentence, then the detail on its own smaller line. The detail is the background's English
 * text, so it is marked `lang="en"` for screen readers on a German page.
 */
export function errorContent(error: unknown): Child[] {
  const view = explain(error);
  return [view.text, view.detail ? h('span', { class: 'error-detail', lang: 'en', 'data-testid': 'error-detail', text: view.detail }) : null];
}

/** Fills `target` with the explanation of `error` and shows it. */
export function showErrorIn(target: HTMLElement, error: unknown): void {
  replaceChildren(target, ...errorContent(error));
  target.hidden = false;
}
