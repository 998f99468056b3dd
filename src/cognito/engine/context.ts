// What a challenge handler sees while the engine runs one step of a flow.

import { malformedResponse } from '../errors';
import type { SrpEphemeral } from '../srp/ephemeral';
import type { EventSink } from './events';
import type { Prompt } from './prompts';
import type {
  ChallengeSnapshot,
  DeviceSecret,
  EngineDeps,
  FlowState,
  SignInRequest,
  SignInSecrets,
} from './types';

/** The flow state while the engine works on it: the prompt is only set while waiting. */
export type WorkingState = Omit<FlowState, 'prompt'> & { prompt?: Prompt };

/**
 * Secrets and SRP ephemerals of the current engine call. Never persisted: SRP ephemerals must
 * be answered within seconds (PASSWORD_VERIFIER), so they never outlive the call that made them,
 * and the password comes from the caller's secrets (or the answer to a password prompt).
 */
export interface RunMemory {
  password?: string;
  userEphemeral?: SrpEphemeral;
  deviceEphemeral?: SrpEphemeral;
  /** The automatic TOTP answer was already retried with the next step's code. */
  totpRetried?: boolean;
  /**
   * Set before each step is sent: the challenges that may answer it (./challenge-order.ts) and a
   * name of the step for the error when another one comes.
   */
  expected?: { challenges: string[]; step: string };
}

export interface ChallengeContext {
  readonly deps: EngineDeps;
  readonly request: SignInRequest;
  readonly secrets: SignInSecrets;
  readonly state: WorkingState;
  readonly run: RunMemory;
  /** The challenge being answered. */
  readonly challenge: ChallengeSnapshot;
  /** The held device, unless the server said it no longer exists. */
  readonly device: DeviceSecret | undefined;
  /** The person approved this challenge's automatic answer (policy autoAnswer: false). */
  readonly approved: boolean;
  /** Records a progress event of this step. */
  event: EventSink;
}

/** The held device unless it is the one the server forgot. */
export function effectiveDevice(state: WorkingState, secrets: SignInSecrets): DeviceSecret | undefined {
  const device = secrets.device;
  if (!device || device.deviceKey === state.forgottenDeviceKey) return undefined;
  return device;
}

/** The SRP "pool name": the part of the user pool id after the underscore. */
export function poolNameOf(userPoolId: string): string {
  const at = userPoolId.indexOf('_');
  return at >= 0 ? userPoolId.slice(at + 1) : userPoolId;
}

/** A challenge parameter the protocol requires; a missing one means the server misbehaved. */
export function requiredParameter(ctx: ChallengeContext, name: string): string {
  const value = ctx.challenge.parameters[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw malformedResponse(ctx.challenge.name, `ChallengeParameters.${name}`, 'is missing');
  }
  return value;
}

/** A challenge parameter that holds a JSON array of strings (MFAS_CAN_SETUP, MFAS_CAN_CHOOSE). */
export function listParameter(ctx: ChallengeContext, name: string): string[] {
  const raw = requiredParameter(ctx, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw malformedResponse(ctx.challenge.name, `ChallengeParameters.${name}`, 'is not JSON');
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) {
    throw malformedResponse(ctx.challenge.name, `ChallengeParameters.${name}`, 'is not a JSON list of names');
  }
  // Each name once: a list repeating one name 40 000 times would otherwise reach a prompt whole.
  return [...new Set(parsed as string[])];
}
