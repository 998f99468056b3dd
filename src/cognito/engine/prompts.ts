// What the engine asks a person, and the answers it accepts.
//
// A prompt says exactly what must be provided; the popup renders it and sends back the
// matching answer (same `kind`). Prompts are JSON and never carry a secret: they are
// persisted in the flow state and shown in the UI.

import { validationError, type CoreErrorCode } from '../errors';
import { readAnswer, type AnswerKind, type PromptAnswer } from './answer-fields';

/**
 * Set when the same prompt is asked again because the previous answer was rejected: by the
 * engine (a PROMPT_ERROR_CODES code) or by Cognito (its code, and `exception`). `message` is
 * English for logs and tests; the pages word the error by `code`, filling their sentence's
 * placeholders from `details` (PromptErrorDetails), so a German popup shows no English line.
 */
export interface PromptError {
  code: CoreErrorCode;
  message: string;
  exception?: string;
  details?: PromptErrorDetails;
}

/**
 * The facts a page needs to word a prompt error: digit counts of an invalid code, the options
 * offered, the option that needs a password, the attributes left empty. Names, not sentences.
 */
export interface PromptErrorDetails {
  minDigits?: number;
  maxDigits?: number;
  options?: string[];
  choice?: string;
  attributes?: string[];
}

interface PromptBase {
  error?: PromptError;
}

/** Manual confirmation before the engine answers a challenge with a held secret. */
export interface ApprovePrompt extends PromptBase {
  kind: 'approve';
  /** Which held secret the engine is about to use. */
  action: 'totp' | 'device';
  challenge: string;
}

export interface PasswordPrompt extends PromptBase {
  kind: 'password';
  username: string;
}

/** SOFTWARE_TOKEN_MFA when no TOTP secret is held (the code comes from another authenticator). */
export interface TotpCodePrompt extends PromptBase {
  kind: 'totp-code';
}

/**
 * MFA_SETUP: consent to enrol this extension as the account's TOTP authenticator, or (when
 * EMAIL_OTP is offered) the e-mail address to set up e-mail codes with.
 */
export interface MfaSetupPrompt extends PromptBase {
  kind: 'mfa-setup';
  /** MFAS_CAN_SETUP as the server listed it, restricted to what can be set up here (SOFTWARE_TOKEN_MFA, EMAIL_OTP). */
  methods: string[];
}

export interface NewPasswordPrompt extends PromptBase {
  kind: 'new-password';
  /** Required attributes that have no value yet (names without the `userAttributes.` prefix). */
  requiredAttributes: string[];
}

export interface CodePrompt extends PromptBase {
  kind: 'sms-code' | 'email-code';
  /** SMS_MFA, SMS_OTP or EMAIL_OTP. */
  challenge: string;
  /** CODE_DELIVERY_DELIVERY_MEDIUM (SMS / EMAIL), when given. */
  deliveryMedium?: string;
  /** CODE_DELIVERY_DESTINATION, masked by the server (e.g. +*******1234). */
  destination?: string;
}

export interface CustomChallengePrompt extends PromptBase {
  kind: 'custom-challenge';
  /** The CreateAuthChallenge trigger's public challenge parameters. */
  parameters: Record<string, string>;
}

export interface SelectChallengePrompt extends PromptBase {
  kind: 'select-challenge';
  /** AvailableChallenges as the server listed them. */
  options: string[];
}

export interface SelectMfaTypePrompt extends PromptBase {
  kind: 'select-mfa-type';
  /** MFAS_CAN_CHOOSE as the server listed it. */
  options: string[];
}

export type Prompt =
  | ApprovePrompt
  | PasswordPrompt
  | TotpCodePrompt
  | MfaSetupPrompt
  | NewPasswordPrompt
  | CodePrompt
  | CustomChallengePrompt
  | SelectChallengePrompt
  | SelectMfaTypePrompt;

export type PromptKind = Prompt['kind'];

/** Every prompt kind has its answer in ./answer-fields.ts, and no answer is for a kind never asked: else this does not compile. */
const answerForEveryPrompt: [PromptKind] extends [AnswerKind] ? ([AnswerKind] extends [PromptKind] ? true : false) : false = true;
void answerForEveryPrompt;

/** The prompt type(s) of one kind (CodePrompt covers both sms-code and email-code). */
export type PromptOf<K extends PromptKind, P extends Prompt = Prompt> = P extends { kind: infer PK } ? (K extends PK ? P : never) : never;

// The answers, field by field, are one table (./answer-fields.ts) from which the type is inferred.
export type { PromptAnswer } from './answer-fields';

/** The same prompt again, with the reason the previous answer was not accepted. */
export function withError<P extends Prompt>(prompt: P, error: PromptError): P {
  return { ...prompt, error };
}

/**
 * An answer (which arrives as an untrusted object) checked against the prompt it answers: the same
 * kind, and exactly the fields of that kind (./answer-fields.ts). Throws a `validation` AppError
 * naming the field, never echoing its value.
 */
export function checkAnswer(prompt: Prompt, raw: unknown): PromptAnswer {
  if (typeof raw !== 'object' || raw === null) throw validationError('answer', 'an object');
  if ((raw as { kind?: unknown }).kind !== prompt.kind) {
    throw validationError('answer.kind', `"${prompt.kind}" (the kind of the prompt being answered)`);
  }
  return readAnswer(raw);
}
