// The sign-in engine's public surface.
export { startSignIn, continueSignIn } from './sign-in';
export { refreshTokens, type RefreshOptions } from './refresh';
export { checkAnswer } from './prompts';
export type { Prompt, PromptAnswer, PromptError, PromptKind } from './prompts';
export { SignInDeniedError, UnsupportedChallengeError, FlowStateError } from './flow-errors';
export { CHALLENGE_HANDLERS } from './challenges';
export type * from './types';
