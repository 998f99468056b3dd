// The progress of a sign-in as the pages receive it (FlowView.progress): typed events, no
// sentences. The engine's events (src/cognito/engine/types.ts FlowEvent) and the agent's own
// (what it stored, how the flow ended) share one shape, `kind` plus structured fields, and the
// popup words every kind through _locales (src/popup/features/flow-progress.ts; the compiler
// checks that each kind has its sentence).
import type { EngineEventKind, FlowEvent } from '../cognito/engine/types';
import type { ErrorInfo } from './error-codes';

/** What the agent itself adds to a flow's progress. */
export type AgentEventBody =
  /** The first line of every flow: the account's username as stored. */
  | { kind: 'signing-in'; username: string }
  | { kind: 'cancelled' }
  /** The flow ended with this error (the same as FlowView.error; scrubbed of secrets). */
  | { kind: 'failed'; error: ErrorInfo }
  /** The device Cognito no longer knows was deleted from the vault. */
  | { kind: 'device-forgotten' }
  | { kind: 'device-saved'; remembered: boolean }
  | { kind: 'totp-saved' }
  /** The TOTP secret of an enrolment cut off earlier was kept: Cognito accepted a code of it. */
  | { kind: 'pending-totp-saved' }
  | { kind: 'password-saved' }
  /** "Sign in this tab": the session was written into the tab of this origin, which reloads. */
  | { kind: 'page-session-written'; origin: string };

export type AgentEvent = AgentEventBody & { at: number; level: 'info' | 'warning' };

/** One line of a flow's progress. */
export type ProgressEvent = FlowEvent | AgentEvent;
export type ProgressKind = EngineEventKind | AgentEventBody['kind'];

/** The agent's event at a moment (local time); a failure is a warning. */
export function agentEvent(body: AgentEventBody, at: number): AgentEvent {
  return { ...body, at, level: body.kind === 'failed' ? 'warning' : 'info' };
}
