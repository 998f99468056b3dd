// The sign-in engine: InitiateAuth, then every challenge until tokens (protocol doc §2–§6).
//
// Rules kept here, in one place, rather than in each handler:
// - every RespondToAuthChallenge carries the newest Session;
// - USERNAME is the canonical one (USER_ID_FOR_SRP / the challenge's USERNAME) once the server
//   named it, and SECRET_HASH is computed over exactly the USERNAME sent;
// - DEVICE_KEY goes with InitiateAuth and every response while a device is held;
// - ClientMetadata, AnalyticsMetadata and UserContextData are passed through;
// - "Device does not exist." at any step forgets the device and restarts once without it;
// - every ChallengeName must be one that can follow the step just sent (./challenge-order.ts),
//   and one sign-in takes at most MAX_CHALLENGE_STEPS challenges; server strings repeated in
//   events and errors are clipped (./server-text.ts).
//
// Protocol notes where the official clients are silent:
// - SELECT_CHALLENGE carries no ChallengeParameters, so the server has not named the canonical
//   user yet: USERNAME is the name as typed (what Amplify v6 sends, handleSelectChallenge*), and
//   SECRET_HASH is over that same USERNAME. Amplify and amazon-cognito-identity-js never send a
//   SECRET_HASH (they refuse client secrets), so none covers it; hashing anything but the
//   USERNAME sent would be unverifiable for the server, and the local pool accepts exactly this.
// - USER_AUTH with PASSWORD / PASSWORD_SRP preferred but no password held sends InitiateAuth
//   without the credential; the server then asks for it with ChallengeName PASSWORD /
//   PASSWORD_SRP (both in the API's ChallengeNameType), answered {USERNAME, PASSWORD} /
//   {USERNAME, SRP_A} as the model documents, after the person typed the password.

import type { AuthFlowType, ChallengeNameType, InitiateAuthRequest, RespondToAuthChallengeRequest } from '../api-types';
import { isAppError, isServiceError, malformedResponse, validationError } from '../errors';
import { secretHash } from '../secret-hash';
import { isUserPoolId, isUsername } from '../validate';
import { createEphemeral } from '../srp/ephemeral';
import { cognitoTotpUri } from '../totp-uri';
import { handlerFor } from './challenges';
import { WEB_AUTHN_UNSUPPORTED } from './challenges/web-authn';
import type { ChallengeHandler, HandlerStep } from './challenges/handler';
import { effectiveDevice, type ChallengeContext, type RunMemory, type WorkingState } from './context';
import { confirmNewDevice } from './device-confirmation';
import { challengesAfter, MAX_CHALLENGE_STEPS, stepLabel } from './challenge-order';
import {
  challengeStepLimit,
  flowStateError,
  signInDenied,
  unexpectedChallenge,
  unsupportedChallenge,
} from './flow-errors';
import { errorCodeOf, flowEvent } from './events';
import { clip, clipList } from './server-text';
import { checkAnswer, withError, type Prompt } from './prompts';
import { canonicalUsernameOf, tokensFrom } from './tokens';
import type {
  EngineDeps,
  EngineEventBody,
  FlowOutcome,
  FlowState,
  SignInRequest,
  SignInSecrets,
  SignedInOutcome,
} from './types';

/** The server's answer to InitiateAuth or RespondToAuthChallenge. */
interface AuthStep {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AvailableChallenges?: string[];
  AuthenticationResult?: {
    AccessToken: string;
    IdToken?: string;
    RefreshToken?: string;
    TokenType?: string;
    ExpiresIn: number;
    /** Checked by confirmNewDevice, not by the API layer. */
    NewDeviceMetadata?: unknown;
  };
}

/** Everything one engine call works with; only `state` survives the call. */
interface Run {
  deps: EngineDeps;
  secrets: SignInSecrets;
  state: WorkingState;
  memory: RunMemory;
}

/** A step either moved the flow on (server answer) or stopped it (prompt, restart outcome). */
type StepResult = { next: AuthStep; operation: string } | { outcome: FlowOutcome };

const FLOW_VERSION = 1;
/**
 * Wrong passwords typed at the prompt before the sign-in ends: Cognito locks a user out for a
 * while after five failures, and the person may have failed elsewhere already.
 */
export const MAX_PASSWORD_ATTEMPTS = 3;

// ---- public entry points ---------------------------------------------------------------------

export async function startSignIn(deps: EngineDeps, req: SignInRequest, secrets: SignInSecrets): Promise<FlowOutcome> {
  checkRequest(req);
  const state: WorkingState = {
    version: FLOW_VERSION,
    request: req,
    username: req.username,
    restarted: false,
    events: [],
  };
  const run: Run = { deps, secrets, state, memory: { password: secrets.password } };
  return initiate(run);
}

export async function continueSignIn(
  deps: EngineDeps,
  saved: FlowState,
  answer: unknown,
  secrets: SignInSecrets,
): Promise<FlowOutcome> {
  if (!saved || saved.version !== FLOW_VERSION || !saved.prompt) {
    throw flowStateError('The saved sign-in cannot be continued (unknown or finished state).');
  }
  // Work on a copy: the caller's object stays what it persisted.
  const state = JSON.parse(JSON.stringify(saved)) as WorkingState;
  const prompt = saved.prompt;
  const checked = checkAnswer(prompt, answer);
  const run: Run = { deps, secrets, state, memory: { password: state.newPassword ?? secrets.password } };

  if (!state.challenge) {
    // Waiting for the password before InitiateAuth.
    if (checked.kind !== 'password') throw flowStateError('Only a password can start this sign-in.');
    run.memory.password = checked.password;
    delete state.prompt;
    return askAgainOnWrongPassword(run, () => initiate(run));
  }

  const handler = handlerFor(state.challenge.name);
  if (checked.kind === 'password') {
    // PASSWORD / PASSWORD_SRP asked by the server (USER_AUTH without a held password).
    const ctx = contextFor(run, false);
    if (!handler.answer) throw flowStateError(`${state.challenge.name} does not take an answer from a person.`);
    return askAgainOnWrongPassword(run, async () => proceed(run, handler, ctx, await handler.answer!(ctx, checked), 'human'));
  }
  if (checked.kind === 'approve') {
    if (!checked.approve) {
      event(run, { kind: 'declined' });
      throw signInDenied(`the ${state.challenge.name} answer was not approved`);
    }
    event(run, { kind: 'approved' });
    const ctx = contextFor(run, true);
    delete state.prompt;
    return proceed(run, handler, ctx, await handler.start(ctx), 'auto');
  }
  if (!handler.answer) throw flowStateError(`${state.challenge.name} does not take an answer from a person.`);
  const ctx = contextFor(run, false);
  return proceed(run, handler, ctx, await handler.answer(ctx, checked), 'human');
}

/**
 * A password typed at the prompt that Cognito refuses ("Incorrect username or password.", at
 * InitiateAuth for USER_PASSWORD_AUTH or at PASSWORD_VERIFIER for SRP) asks for it again, with
 * the error, instead of ending the sign-in. Cognito's session cannot take a second
 * PASSWORD_VERIFIER, so the next answer starts over with InitiateAuth (and a fresh SRP_A). Each
 * refusal is one of Cognito's failed attempts: they are counted in the flow, shown with the
 * error, and after MAX_PASSWORD_ATTEMPTS the sign-in ends rather than walk the person into
 * Cognito's lockout; a lockout itself ("Password attempts exceeded") ends it at once.
 */
async function askAgainOnWrongPassword(run: Run, attempt: () => Promise<FlowOutcome>): Promise<FlowOutcome> {
  const { state } = run;
  try {
    return await attempt();
  } catch (error) {
    if (!isAppError(error, 'incorrect-password')) throw error;
    const failedAttempts = (state.passwordAttempts ?? 0) + 1;
    state.passwordAttempts = failedAttempts;
    if (failedAttempts >= MAX_PASSWORD_ATTEMPTS) throw error;
    event(run, { kind: 'answer-rejected', code: clip(isServiceError(error) ? error.exception : error.code) });
    // Back to before InitiateAuth: no session, challenge or SRP ephemeral of the refused attempt survives.
    state.username = state.request.username;
    delete state.session;
    delete state.challenge;
    delete state.prompt;
    run.memory = {};
    const exception = isServiceError(error) ? { exception: error.exception } : {};
    return needsInput(run, withError<Prompt>({ kind: 'password', username: state.request.username },
      { code: error.code, ...exception, message: clip(error.message), details: { failedAttempts } }));
  }
}

// ---- InitiateAuth ----------------------------------------------------------------------------

/**
 * Which request flows need the password before InitiateAuth can be sent. USER_AUTH never does:
 * without a held password it is sent with PREFERRED_CHALLENGE alone and the server asks for the
 * password (ChallengeName PASSWORD / PASSWORD_SRP) or offers the factors (SELECT_CHALLENGE).
 */
function initiateNeedsPassword(req: SignInRequest): boolean {
  const flow = req.flow ?? 'USER_SRP_AUTH';
  return flow !== 'CUSTOM_AUTH' && flow !== 'USER_AUTH';
}

async function initiate(run: Run): Promise<FlowOutcome> {
  const { state, memory, deps } = run;
  const req = state.request;
  const flow = req.flow ?? 'USER_SRP_AUTH';
  if (initiateNeedsPassword(req) && !memory.password) {
    return needsInput(run, { kind: 'password', username: req.username });
  }

  const params: Record<string, string> = { USERNAME: req.username };
  let authFlow: AuthFlowType = flow === 'CUSTOM_AUTH_SRP' ? 'CUSTOM_AUTH' : flow;
  const startSrp = (): void => {
    const ephemeral = createEphemeral(deps.random);
    memory.userEphemeral = ephemeral;
    params.SRP_A = ephemeral.srpA;
  };
  switch (flow) {
    case 'USER_SRP_AUTH':
      startSrp();
      break;
    case 'USER_PASSWORD_AUTH':
      params.PASSWORD = memory.password ?? '';
      break;
    case 'CUSTOM_AUTH':
      break;
    case 'CUSTOM_AUTH_SRP':
      // SRP first, then the pool's custom challenges (DefineAuthChallenge decides).
      params.CHALLENGE_NAME = 'SRP_A';
      startSrp();
      authFlow = 'CUSTOM_AUTH';
      break;
    case 'USER_AUTH': {
      const preferred = req.preferredChallenge;
      if (preferred === 'WEB_AUTHN') throw unsupportedChallenge(`${WEB_AUTHN_UNSUPPORTED}.`);
      if (preferred) params.PREFERRED_CHALLENGE = preferred;
      // The credential goes with the preference when held (as Amplify v6 sends it).
      if (preferred === 'PASSWORD_SRP' && memory.password) startSrp();
      if (preferred === 'PASSWORD' && memory.password) params.PASSWORD = memory.password;
      break;
    }
  }
  const client = req.client;
  // At InitiateAuth the hash is over the username as typed (it is what USERNAME carries).
  if (client.clientSecret) params.SECRET_HASH = secretHash(req.username, client.clientId, client.clientSecret);
  const device = effectiveDevice(state, run.secrets);
  if (device) params.DEVICE_KEY = device.deviceKey;

  expectAfter(run, undefined, params, device !== undefined);

  const request: InitiateAuthRequest = { AuthFlow: authFlow, ClientId: client.clientId, AuthParameters: params };
  if (req.clientMetadata) request.ClientMetadata = req.clientMetadata;
  if (req.analyticsMetadata) request.AnalyticsMetadata = req.analyticsMetadata;
  if (req.userContextData) request.UserContextData = req.userContextData;

  event(run, { kind: 'flow-started', flow, username: req.username, withDevice: device !== undefined });
  let response: AuthStep;
  try {
    response = await deps.api.initiateAuth(request);
  } catch (error) {
    if (device && isDeviceGone(error) && !state.restarted) return restartWithoutDevice(run);
    throw error;
  }
  return advance(run, response, 'InitiateAuth');
}

// ---- the challenge loop ----------------------------------------------------------------------

/**
 * Takes the server's answers one after the other until tokens or a prompt: records each
 * challenge (newest Session, canonical username) and lets its handler answer it.
 */
async function advance(run: Run, first: AuthStep, firstOperation: string): Promise<FlowOutcome> {
  const { state } = run;
  let response = first;
  let operation = firstOperation;
  for (;;) {
    if (response.AuthenticationResult) return finish(run, response.AuthenticationResult, operation);
    const name = response.ChallengeName;
    if (typeof name !== 'string' || !name) {
      throw malformedResponse(operation, 'ChallengeName', 'is missing and there is no AuthenticationResult');
    }
    const handler = checkNextChallenge(run, name);
    if (response.Session) state.session = response.Session;
    const parameters = response.ChallengeParameters ?? {};
    state.challenge = { name, parameters };
    if (response.AvailableChallenges) state.challenge.availableChallenges = response.AvailableChallenges;
    // From the first challenge on, the server's name for the user is the one to use.
    const canonical = parameters.USER_ID_FOR_SRP || parameters.USERNAME;
    if (canonical) {
      // It is hashed, signed and stored from here on: only a name Cognito could have issued.
      if (!isUsername(canonical)) throw malformedResponse(operation, 'ChallengeParameters.USER_ID_FOR_SRP', 'is not a Cognito username (1-128 visible characters)');
      state.username = canonical;
    }
    delete state.prompt;
    event(run, { kind: 'challenge', name: clip(name) });

    const ctx = contextFor(run, false);
    const result = await perform(run, handler, ctx, await handler.start(ctx), 'auto');
    if ('outcome' in result) return result.outcome;
    response = result.next;
    operation = result.operation;
  }
}

/** Sends the step built from a person's answer (or approval), then goes on with the challenge loop. */
async function proceed(
  run: Run,
  handler: ChallengeHandler,
  ctx: ChallengeContext,
  step: HandlerStep,
  origin: 'auto' | 'human',
): Promise<FlowOutcome> {
  const result = await perform(run, handler, ctx, step, origin);
  if ('outcome' in result) return result.outcome;
  return advance(run, result.next, result.operation);
}

/**
 * Sends a handler's response (or stops at its prompt). A person's wrong answer brings the same
 * prompt back with the error and the same session; an automatic answer gets the handler's one
 * retry if it has one; a vanished device restarts the sign-in without it.
 */
async function perform(
  run: Run,
  handler: ChallengeHandler,
  ctx: ChallengeContext,
  first: HandlerStep,
  origin: 'auto' | 'human',
): Promise<StepResult> {
  const { state } = run;
  let step = first;
  for (;;) {
    if (step.type === 'prompt') return { outcome: needsInput(run, step.prompt) };
    try {
      const next = await respond(run, ctx, step.responses);
      delete state.prompt;
      return { next, operation: 'RespondToAuthChallenge' };
    } catch (error) {
      if (ctx.device && isDeviceGone(error) && !state.restarted) return { outcome: await restartWithoutDevice(run) };
      if (origin === 'human' && state.prompt && isServiceError(error) && handler.askAgainOn?.includes(error.exception)) {
        event(run, { kind: 'answer-rejected', code: clip(error.exception) });
        return { outcome: needsInput(run, withError(state.prompt, { code: error.code, exception: error.exception, message: clip(error.message) })) };
      }
      const again = origin === 'auto' ? handler.retry?.(ctx, error) : undefined;
      if (!again) throw error;
      step = again;
    }
  }
}

async function respond(run: Run, ctx: ChallengeContext, own: Record<string, string>): Promise<AuthStep> {
  const { state, deps } = run;
  const req = state.request;
  const client = req.client;
  const challenge = ctx.challenge.name;
  const username = own.USERNAME || state.username;
  const responses: Record<string, string> = { ...own, USERNAME: username };
  // Over the USERNAME actually sent: the canonical one after the first response (§4.1).
  if (client.clientSecret) responses.SECRET_HASH = secretHash(username, client.clientId, client.clientSecret);
  if (ctx.device && !responses.DEVICE_KEY) responses.DEVICE_KEY = ctx.device.deviceKey;
  expectAfter(run, challenge, responses, ctx.device !== undefined);

  const request: RespondToAuthChallengeRequest = {
    ClientId: client.clientId,
    ChallengeName: challenge as ChallengeNameType,
    ChallengeResponses: responses,
  };
  if (state.session) request.Session = state.session;
  if (req.clientMetadata) request.ClientMetadata = req.clientMetadata;
  if (req.analyticsMetadata) request.AnalyticsMetadata = req.analyticsMetadata;
  if (req.userContextData) request.UserContextData = req.userContextData;
  return deps.api.respondToAuthChallenge(request);
}

// ---- endings ---------------------------------------------------------------------------------

async function finish(run: Run, result: NonNullable<AuthStep['AuthenticationResult']>, operation: string): Promise<SignedInOutcome> {
  const { state, deps } = run;
  const req = state.request;
  const tokens = tokensFrom(operation, result, deps.clock.now());
  const canonicalUsername = canonicalUsernameOf(tokens) ?? state.username;
  event(run, { kind: 'signed-in', username: clip(canonicalUsername) });

  const outcome: SignedInOutcome = { status: 'signed-in', tokens, canonicalUsername, events: state.events };
  if (state.enrolledTotpSecret) {
    outcome.enrolledTotpSecret = state.enrolledTotpSecret;
    outcome.enrolledTotpUri = cognitoTotpUri(req.client.userPoolId, canonicalUsername, state.enrolledTotpSecret);
    // Verified but not yet the user's MFA method until this is set (protocol doc §7 #17).
    try {
      await deps.api.setUserMfaPreference({
        AccessToken: tokens.accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      });
      event(run, { kind: 'totp-preferred' });
    } catch (error) {
      event(run, { kind: 'totp-preference-failed', errorCode: errorCodeOf(error) });
    }
  }
  if (result.NewDeviceMetadata) {
    const device = await confirmNewDevice(deps, req.policy, tokens.accessToken, result.NewDeviceMetadata, (body) => event(run, body));
    if (device) outcome.device = device;
  }
  if (state.newPassword) outcome.newPassword = state.newPassword;
  if (state.forgottenDeviceKey) outcome.forgottenDeviceKey = state.forgottenDeviceKey;
  return outcome;
}

function needsInput(run: Run, prompt: Prompt): FlowOutcome {
  run.state.prompt = prompt;
  const state = run.state as FlowState;
  return { status: 'needs-input', state, prompt, events: state.events };
}

/**
 * The server no longer knows the held device (forgotten elsewhere, user re-created): note it for
 * the caller, who deletes it, and sign in again from the start without DEVICE_KEY, once.
 */
async function restartWithoutDevice(run: Run): Promise<FlowOutcome> {
  const { state } = run;
  state.forgottenDeviceKey = run.secrets.device?.deviceKey;
  state.restarted = true;
  event(run, { kind: 'device-gone-restart' });
  state.username = state.request.username;
  delete state.session;
  delete state.challenge;
  delete state.prompt;
  run.memory = { password: run.memory.password };
  return initiate(run);
}

// ---- helpers ---------------------------------------------------------------------------------

/** Notes, before a step is sent, which challenges may answer it (./challenge-order.ts). */
function expectAfter(run: Run, answered: string | undefined, sent: Record<string, string>, holdsDevice: boolean): void {
  run.memory.expected = {
    challenges: challengesAfter(run.state.request, answered, sent, holdsDevice),
    step: stepLabel(run.state.request, answered, sent),
  };
}

/**
 * The checks a server challenge passes before any handler sees it: within the step cap, a
 * challenge this engine knows, and one that can follow the step just sent. Returns its handler.
 */
function checkNextChallenge(run: Run, name: string): ChallengeHandler {
  const { state } = run;
  state.steps = (state.steps ?? 0) + 1;
  if (state.steps > MAX_CHALLENGE_STEPS) {
    throw challengeStepLimit(`The user pool asked for more than ${MAX_CHALLENGE_STEPS} challenges in one sign-in (the last: ${clip(name)}).`);
  }
  const handler = handlerFor(name);
  const expected = run.memory.expected;
  if (!expected || !expected.challenges.includes(name)) {
    const allowed = expected && expected.challenges.length > 0 ? `only ${clipList(expected.challenges)} or tokens` : 'only tokens';
    event(run, { kind: 'unexpected-challenge', name: clip(name) });
    throw unexpectedChallenge(
      `The server asked for something unexpected: it answered ${expected?.step ?? 'the last step'} with ${clip(name)}, where ${allowed} can follow.`,
    );
  }
  return handler;
}

function contextFor(run: Run, approved: boolean): ChallengeContext {
  const challenge = run.state.challenge;
  if (!challenge) throw flowStateError('No challenge is in progress.');
  return {
    deps: run.deps,
    request: run.state.request,
    secrets: run.secrets,
    state: run.state,
    run: run.memory,
    challenge,
    device: effectiveDevice(run.state, run.secrets),
    approved,
    event: (body) => event(run, body),
  };
}

function event(run: Run, body: EngineEventBody): void {
  const recorded = flowEvent(body, run.deps.clock.now());
  run.state.events.push(recorded);
  run.deps.onEvent?.({ ...recorded });
}

function isDeviceGone(error: unknown): boolean {
  return isAppError(error, 'device-not-found');
}

function checkRequest(req: SignInRequest): void {
  if (!req.username) throw validationError('username', 'a non-empty username or alias');
  if (!req.client?.clientId) throw validationError('client.clientId', 'an app client id');
  if (!isUserPoolId(req.client.userPoolId)) {
    throw validationError('client.userPoolId', 'a user pool id like eu-west-2_AbCdEf123');
  }
  const name = req.policy?.deviceName ?? '';
  if (name.length < 1 || name.length > 1024) throw validationError('policy.deviceName', '1 to 1024 characters');
}
