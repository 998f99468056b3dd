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
  if (isErrorInfo(error)) {
    return {
      code: error.code, message: error.message,
      exception: typeof error.exception === 'string' ? error.exception : undefined,
      // A prompt error's facts (digit counts, empty fields) that fill its sentence.
      details: typeof error.details === 'object' && error.details !== null ? error.details : undefined,
    };
  }
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

/** One line of text (the translated sentence): for announcements and fields that hold plain text. */
export function errorText(error: unknown): string {
  return errorLine(explain(error));
}

/**
 * The background's English words about an error, closed behind a disclosure whose label (from
 * _locales) says they are English details: they are worth keeping where they name what the
 * translated sentence cannot (which field, which host, what a Lambda trigger or Cognito said),
 * but a page in another language must not show an English line unasked. null without a detail.
 */
export function errorDetails(view: ErrorView): HTMLElement | null {
  return view.detail ? englishDetails([view.detail]) : null;
}

/** English lines from the background (one per entry), closed behind the "Details (in English)" label. */
export function englishDetails(lines: readonly string[]): HTMLElement {
  return h('details', { class: 'error-detail', 'data-testid': 'error-detail' },
    h('summary', { text: t('errorDetailsLabel') }),
    ...lines.map((line) => h('span', { lang: 'en', class: 'error-detail-line', 'data-testid': 'error-detail-text', text: line })));
}

/** The translated sentence, then (closed) the English detail when there is one. */
export function errorContent(error: unknown): Child[] {
  const view = explain(error);
  return [view.text, errorDetails(view)];
}

/** Fills `target` with the explanation of `error` and shows it. */
export function showErrorIn(target: HTMLElement, error: unknown): void {
  replaceChildren(target, ...errorContent(error));
  target.hidden = false;
}
