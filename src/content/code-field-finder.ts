// Finds the one-time-code field in one document (the frame the content script runs in; frames
// are the extension's decision, not this module's), open shadow roots included (./shadow-trees.ts:
// web components keep their fields there; closed roots are not searched). Everything here is read from a page that may
// be hostile, so the answer is "nothing" or "ambiguous" whenever the page does not say clearly
// which single visible field wants the code.
import { describeField, describeGroup, squeezed, wordsOf } from './field-description';
import { CODE_WORDS, RECOVERY_WORDS, WEAK_CODE_WORDS } from './field-words';
import { isFillable } from './fillable-field';
import { deepActiveElement, inputsIn } from './shadow-trees';

/** Where a code goes: one field, or N one-character boxes that take a digit each. */
export type CodeTarget = { kind: 'single'; field: HTMLInputElement } | { kind: 'split'; boxes: HTMLInputElement[] };

export type CodeFieldSearch =
  | { found: 'none' }
  | { found: 'one'; target: CodeTarget }
  /** Several distinct candidates of the same rank: the person decides, the finder does not guess. */
  | { found: 'ambiguous'; candidates: CodeTarget[] };

/** Split codes have 4 to 10 digits; shorter runs of single-character boxes are something else. */
const MIN_SPLIT_BOXES = 4;
const MAX_SPLIT_BOXES = 10;

/** Amplify UI's TOTP field, on its sign-in step and its set-up step. */
const AMPLIFY_CODE_FIELD = [
  '[data-amplify-authenticator-confirmsignin] input[name="confirmation_code"]',
  '[data-amplify-authenticator-setup-totp] input[name="confirmation_code"]',
].join(', ');

interface Candidate {
  target: CodeTarget;
  fields: HTMLInputElement[];
  description: string[];
}

export function findCodeField(doc: Document): CodeFieldSearch {
  const inputs = inputsIn(doc);
  const fillable = inputs.filter(isFillable);
  const candidates = groupSplitRuns(fillable).filter((candidate) => !mentionsRecovery(candidate.description));
  const passwordShown = fillable.some((input) => input.type === 'password');
  // Ranks, strongest first: the first rank with any candidate decides.
  const ranks: ((candidate: Candidate) => boolean)[] = [
    (c) => c.fields.some((field) => /\bone-time-code\b/i.test(field.getAttribute('autocomplete') ?? '')),
    (c) => c.fields.some((field) => field.matches(AMPLIFY_CODE_FIELD)),
    (c) => { const text = squeezed(c.description); return CODE_WORDS.some((word) => text.includes(word)); },
    (c) => { if (passwordShown) return false; const words = wordsOf(c.description); return WEAK_CODE_WORDS.some((word) => words.has(word)); },
  ];
  for (const rank of ranks) {
    const matching = candidates.filter(rank);
    if (matching.length === 1) return { found: 'one', target: matching[0]!.target };
    if (matching.length > 1) return { found: 'ambiguous', candidates: matching.map((c) => c.target) };
  }
  return { found: 'none' };
}

function mentionsRecovery(description: readonly string[]): boolean {
  const text = squeezed(description);
  return RECOVERY_WORDS.some((word) => text.includes(word));
}

/**
 * Turns fillable fields (in document order) into candidates: a run of MIN..MAX consecutive
 * one-character boxes in the same form becomes one split target; every other field stands alone.
 */
function groupSplitRuns(fields: HTMLInputElement[]): Candidate[] {
  const out: Candidate[] = [];
  let run: HTMLInputElement[] = [];
  const flush = () => {
    if (run.length >= MIN_SPLIT_BOXES && run.length <= MAX_SPLIT_BOXES) {
      const description = [...describeGroup(run[0]!), ...run.flatMap(describeField)];
      out.push({ target: { kind: 'split', boxes: run }, fields: run, description });
    } else {
      for (const field of run) out.push(single(field));
    }
    run = [];
  };
  for (const field of fields) {
    if (field.maxLength === 1) {
      if (run.length > 0 && !sameGroup(run[run.length - 1]!, field)) flush();
      run.push(field);
    } else {
      flush();
      out.push(single(field));
    }
  }
  flush();
  return out;
}

function single(field: HTMLInputElement): Candidate {
  return { target: { kind: 'single', field }, fields: [field], description: describeField(field) };
}

/** Boxes of one code share a form (or, without a form, a parent or grandparent). */
function sameGroup(a: HTMLInputElement, b: HTMLInputElement): boolean {
  if (a.form || b.form) return a.form === b.form;
  return a.parentElement === b.parentElement || a.parentElement?.parentElement === b.parentElement?.parentElement;
}

/**
 * The field the person chose (the context menu's "Fill code" on an editable field): the focused
 * input (inside an open shadow root too), when it is fillable and not about backup or recovery codes. The person's choice wins
 * over the ranks, but not over the recovery rule: a recovery code is never one-time-code material.
 */
export function focusedCodeTarget(doc: Document): CodeTarget | undefined {
  const active = deepActiveElement(doc);
  if (!active || active.tagName !== 'INPUT') return undefined;
  const field = active as HTMLInputElement;
  if (!isFillable(field) || mentionsRecovery(describeField(field))) return undefined;
  return { kind: 'single', field };
}
