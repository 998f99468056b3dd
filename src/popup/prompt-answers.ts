/**
 * Turns what the person typed into a prompt answer, or says which field is wrong.
 * Pure (no DOM) so the rules are unit-tested; the prompt forms call these on submit.
 */
import type { PromptAnswer } from '../cognito/engine/prompts';
import { isDeliveredCode, isTotpCode } from '../cognito/validate';

export type AnswerCheck<A extends PromptAnswer = PromptAnswer> =
  | { ok: true; answer: A }
  /** `field` names the form field to flag; `errorKey` is the i18n key of the explanation. */
  | { ok: false; field: string; errorKey: string };

/** Codes are often pasted as "123 456" or "123-456"; Cognito wants the digits only. */
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** TOTP codes from an authenticator: the engine's rule (six digits, Cognito's UserCode constraint). */
export function totpCodeAnswer(raw: string): AnswerCheck<Extract<PromptAnswer, { kind: 'totp-code' }>> {
  const code = normalizeCode(raw);
  if (!isTotpCode(code)) return { ok: false, field: 'code', errorKey: 'errorTotpCodeFormat' };
  return { ok: true, answer: { kind: 'totp-code', code } };
}

/** SMS and e-mail codes: the engine's rule (6 digits by default, 8 for e-mail OTP in some pools). */
export function deliveredCodeAnswer(kind: 'sms-code' | 'email-code', raw: string): AnswerCheck {
  const code = normalizeCode(raw);
  if (!isDeliveredCode(code)) return { ok: false, field: 'code', errorKey: 'errorDeliveredCodeFormat' };
  return { ok: true, answer: { kind, code } };
}

export function newPasswordAnswer(
  newPassword: string,
  confirmation: string,
  requiredAttributes: readonly string[],
  attributeValues: Readonly<Record<string, string>>,
): AnswerCheck {
  if (newPassword === '') return { ok: false, field: 'new-password', errorKey: 'errorRequired' };
  if (newPassword !== confirmation) return { ok: false, field: 'confirm', errorKey: 'errorPasswordsDiffer' };
  const attributes: Record<string, string> = {};
  for (const name of requiredAttributes) {
    const value = (attributeValues[name] ?? '').trim();
    if (value === '') return { ok: false, field: `attr:${name}`, errorKey: 'errorRequired' };
    attributes[name] = value;
  }
  const answer: PromptAnswer = { kind: 'new-password', newPassword };
  if (requiredAttributes.length > 0) answer.attributes = attributes;
  return { ok: true, answer };
}

export function customChallengeAnswer(raw: string): AnswerCheck {
  // Custom challenge answers are compared verbatim by the pool's Lambda: keep inner spaces.
  const answer = raw.trim();
  if (answer === '') return { ok: false, field: 'answer', errorKey: 'errorRequired' };
  return { ok: true, answer: { kind: 'custom-challenge', answer } };
}

/** Challenges that need the user's password when the account stores none. */
export const PASSWORD_CHALLENGES: readonly string[] = ['PASSWORD', 'PASSWORD_SRP'];

export function selectChallengeAnswer(options: readonly string[], choice: string | undefined, password: string): AnswerCheck {
  if (!choice || !options.includes(choice)) return { ok: false, field: 'choice', errorKey: 'errorChooseOne' };
  const answer: PromptAnswer = { kind: 'select-challenge', choice };
  if (PASSWORD_CHALLENGES.includes(choice) && password !== '') answer.password = password;
  return { ok: true, answer };
}

export function selectMfaTypeAnswer(options: readonly string[], choice: string | undefined): AnswerCheck {
  if (!choice || !options.includes(choice)) return { ok: false, field: 'choice', errorKey: 'errorChooseOne' };
  return { ok: true, answer: { kind: 'select-mfa-type', choice } };
}
