// The shape of one challenge handler (one file per challenge, registered in ./index.ts).

import type { ChallengeContext } from '../context';
import type { ApprovePrompt, Prompt, PromptAnswer } from '../prompts';

/** What a handler decides: answer the challenge now, or ask a person first. */
export type HandlerStep =
  | {
      type: 'respond';
      /**
       * The challenge's own ChallengeResponses. The engine adds USERNAME (canonical, unless
       * given here), SECRET_HASH and DEVICE_KEY; ChallengeName is always the current challenge.
       */
      responses: Record<string, string>;
    }
  | { type: 'prompt'; prompt: Prompt };

export interface ChallengeHandler {
  readonly challenge: string;
  /** Called when the challenge arrives (and again after a manual approval). */
  start(ctx: ChallengeContext): Promise<HandlerStep> | HandlerStep;
  /** Builds the response from a person's answer to the prompt `start` returned. */
  answer?(ctx: ChallengeContext, answer: PromptAnswer): Promise<HandlerStep> | HandlerStep;
  /**
   * Cognito exceptions (AppError.exception) meaning "the person's answer was wrong": the engine shows the same prompt
   * again with the error and keeps the session, instead of failing the flow.
   */
  readonly askAgainOn?: readonly string[];
  /** One more automatic attempt after the server refused an automatic answer, if sensible. */
  retry?(ctx: ChallengeContext, error: unknown): HandlerStep | undefined;
}

export function respond(responses: Record<string, string>): HandlerStep {
  return { type: 'respond', responses };
}

export function ask(prompt: Prompt): HandlerStep {
  return { type: 'prompt', prompt };
}

/**
 * With policy autoAnswer: false the engine must not use a held secret before the person says
 * so: returns the approval prompt to show, or undefined when the answer may go ahead.
 */
export function approvalNeeded(ctx: ChallengeContext, action: ApprovePrompt['action']): HandlerStep | undefined {
  if (ctx.request.policy.autoAnswer || ctx.approved) return undefined;
  const what = action === 'totp' ? 'answer the authenticator (TOTP) challenge' : 'sign in with the remembered device';
  return ask({
    kind: 'approve',
    action,
    challenge: ctx.challenge.name,
    message: `Allow the extension to ${what} for ${ctx.request.username}?`,
  });
}

