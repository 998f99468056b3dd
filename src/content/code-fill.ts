// The content-script face of code fill: find the one-time-code field in this document and fill
// a code the extension computed. This module knows no secret (only the code for this time step
// reaches it) and trusts nothing the page says; which frame, which account and when belong to
// the extension (docs/architecture.md, "Content scripts").
import { findCodeField } from './code-field-finder';
import { fillCode, type FillOutcome } from './code-filler';

export { findCodeField, focusedCodeTarget, type CodeFieldSearch, type CodeTarget } from './code-field-finder';
export { fillCode, type FillOutcome } from './code-filler';

export type FillHereOutcome = FillOutcome | { filled: false; reason: 'no-field' | 'ambiguous' };

/** Fills `code` into this document's one code field, or says why not (never guesses). */
export function fillCodeHere(doc: Document, code: string): FillHereOutcome {
  const search = findCodeField(doc);
  if (search.found === 'none') return { filled: false, reason: 'no-field' };
  if (search.found === 'ambiguous') return { filled: false, reason: 'ambiguous' };
  return fillCode(search.target, code);
}
