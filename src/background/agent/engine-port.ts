// What the agent needs from the protocol core, as one small interface: the sign-in engine's
// three entry points and a way to build its dependencies for an account's endpoint. The worker
// passes the real engine (./cognito-engine.ts); nothing here is a fake of Cognito.
import type { CognitoApi } from '../../cognito/api';
import type { ServerClock } from '../../cognito/clock';
import type { PromptAnswer } from '../../cognito/engine/prompts';
import type { RefreshOptions } from '../../cognito/engine/refresh';
import type {
  EngineDeps, FlowOutcome, FlowState, PoolClient, SignInRequest, SignInSecrets, Tokens,
} from '../../cognito/engine/types';

export interface SignInEngine {
  startSignIn(deps: EngineDeps, req: SignInRequest, secrets: SignInSecrets): Promise<FlowOutcome>;
  continueSignIn(deps: EngineDeps, state: FlowState, answer: PromptAnswer, secrets: SignInSecrets): Promise<FlowOutcome>;
  refreshTokens(deps: EngineDeps, client: PoolClient, refreshToken: string, options?: RefreshOptions): Promise<Tokens>;
}

/** Builds the engine's dependencies (API client on the account's endpoint, shared clock). */
export type EngineDepsFactory = (client: PoolClient, clock: ServerClock) => EngineDeps & { api: CognitoApi };
