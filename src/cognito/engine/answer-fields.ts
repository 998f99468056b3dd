// The answer each prompt kind takes, written once: its fields, their types, which are optional,
// and the longest text accepted. Everything else about answers comes from this table:
//  - the TypeScript type `PromptAnswer` is inferred from it;
//  - `readAnswer` checks an untrusted object against it (the engine, before answering a prompt);
//  - the page↔background message schema (src/shared/requests.ts) runs `readAnswer` too.
// So a field added here is accepted, typed and carried everywhere at once, and nowhere else.
//
// Written as data instead of with valibot so the protocol core stays free of a schema library
// (its bundle size is measured: bench/sections/bundle-size.ts).

import { validationError } from '../errors';

type FieldRule =
  | { type: 'boolean'; optional?: true }
  /** Non-empty text of at most `max` characters. */
  | { type: 'text'; max: number; optional?: true }
  /** Attribute name (non-empty, at most `nameMax`) to value (at most `valueMax`, may be empty). */
  | { type: 'attributes'; nameMax: number; valueMax: number; optional?: true };

const flag = { type: 'boolean' } as const;
const text = <M extends number>(max: M) => ({ type: 'text', max }) as const;
const optional = <R extends FieldRule>(rule: R) => ({ ...rule, optional: true }) as const;

/** Message bounds, not Cognito's rules (those are checked when the request is built: ../validate.ts). */
const PASSWORD_MAX = 1024;
const CODE_MAX = 64;
const CHOICE_MAX = 128;
const TEXT_MAX = 2048;

export const ANSWER_FIELDS = {
  'approve': { approve: flag },
  'password': { password: text(PASSWORD_MAX) },
  'totp-code': { code: text(CODE_MAX) },
  /** approve = consent to set up MFA: TOTP by this extension, or e-mail codes to `email` when given. */
  'mfa-setup': { approve: flag, email: optional(text(TEXT_MAX)) },
  'new-password': { newPassword: text(PASSWORD_MAX), attributes: optional({ type: 'attributes', nameMax: 256, valueMax: TEXT_MAX } as const) },
  'sms-code': { code: text(CODE_MAX) },
  'email-code': { code: text(CODE_MAX) },
  'custom-challenge': { answer: text(TEXT_MAX) },
  /** `password` is needed for PASSWORD / PASSWORD_SRP when the account holds none. */
  'select-challenge': { choice: text(CHOICE_MAX), password: optional(text(PASSWORD_MAX)) },
  'select-mfa-type': { choice: text(CHOICE_MAX) },
} as const satisfies Record<string, Record<string, FieldRule>>;

export type AnswerKind = keyof typeof ANSWER_FIELDS;
export const ANSWER_KINDS = Object.keys(ANSWER_FIELDS) as readonly AnswerKind[];

type ValueOf<R> = R extends { type: 'boolean' } ? boolean : R extends { type: 'text' } ? string : Record<string, string>;
type RequiredKeys<F> = { [K in keyof F]: F[K] extends { optional: true } ? never : K }[keyof F];
type OptionalKeys<F> = Exclude<keyof F, RequiredKeys<F>>;
type AnswerOf<K extends AnswerKind, F = (typeof ANSWER_FIELDS)[K]> =
  { kind: K } & { -readonly [P in RequiredKeys<F>]: ValueOf<F[P]> } & { -readonly [P in OptionalKeys<F>]?: ValueOf<F[P]> };
/** One plain object type per kind (the intersection above, flattened so it reads well in editors). */
type Flat<T> = { [P in keyof T]: T[P] };

/** An answer to a prompt: one object per kind, exactly the fields ANSWER_FIELDS gives it. */
export type PromptAnswer = { [K in AnswerKind]: Flat<AnswerOf<K>> }[AnswerKind];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkField(name: string, rule: FieldRule, value: unknown): void {
  const field = `answer.${name}`;
  if (rule.type === 'boolean') {
    if (typeof value !== 'boolean') throw validationError(field, 'true or false');
  } else if (rule.type === 'text') {
    if (typeof value !== 'string' || value.length === 0 || value.length > rule.max) {
      throw validationError(field, `a non-empty string of at most ${rule.max} characters`);
    }
  } else {
    if (!isRecord(value)) throw validationError(field, 'an object of attribute name to value');
    for (const [attribute, v] of Object.entries(value)) {
      if (attribute.length === 0 || attribute.length > rule.nameMax) throw validationError(field, `attribute names of 1 to ${rule.nameMax} characters`);
      if (typeof v !== 'string' || v.length > rule.valueMax) throw validationError(`${field}.${attribute}`, `a string of at most ${rule.valueMax} characters`);
    }
  }
}

/**
 * An untrusted object as a PromptAnswer, or a `validation` AppError naming the field (never its
 * value). Strict: a field the kind does not take (a password riding along with an approval) is
 * refused, not carried into the flow. Returns a fresh object holding only the known fields.
 */
export function readAnswer(raw: unknown): PromptAnswer {
  if (!isRecord(raw)) throw validationError('answer', 'an object');
  const kind = raw.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(ANSWER_FIELDS, kind)) throw validationError('answer.kind', `one of ${ANSWER_KINDS.join(', ')}`);
  const fields: Readonly<Record<string, FieldRule>> = ANSWER_FIELDS[kind as AnswerKind];
  for (const name of Object.keys(raw)) {
    if (name !== 'kind' && !Object.hasOwn(fields, name)) throw validationError(`answer.${name}`, `no such field in a "${kind}" answer`);
  }
  const answer: Record<string, unknown> = { kind };
  for (const [name, rule] of Object.entries(fields)) {
    const value = raw[name];
    if (value === undefined && rule.optional) continue;
    checkField(name, rule, value);
    answer[name] = rule.type === 'attributes' ? { ...(value as Record<string, string>) } : value;
  }
  // Checked field by field against ANSWER_FIELDS[kind] above, which is what PromptAnswer is made of.
  return answer as PromptAnswer;
}
