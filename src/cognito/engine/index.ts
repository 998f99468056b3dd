// The sign-in engine's public surface.
export { startSignIn, continueSignIn } from './sign-in';
export { refreshTokens, type RefreshOptions } from './refresh';
export { checkAnswer } from './prompts';
export type { Prompt, PromptAnswer, PromptError, PromptKind } from './prompts';
export {
  signInDenied,
  unsupportedChallenge,
  flowStateError,
  unexpectedChallenge,
  challengeStepLimit,
  mfaSetupUnavailable,
} from './flow-errors';
export { MAX_CHALLENGE_STEPS } from './challenge-order';
export { CHALLENGE_HANDLERS } from './challenges';
export type * from './types';
