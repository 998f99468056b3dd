// The engine's progress events: which kinds are warnings (one table, checked by the compiler for
// every kind) and the one way an event is recorded. The pages word each kind (src/popup).
import { AppError } from '../errors';
import { clip } from './server-text';
import type { EngineEventBody, EngineEventKind, FlowEvent } from './types';

/** Warnings: something did not go as asked, though the sign-in may go on. */
const EVENT_LEVEL: Readonly<Record<EngineEventKind, FlowEvent['level']>> = {
  'flow-started': 'info',
  'challenge': 'info',
  'approved': 'info',
  'declined': 'warning',
  'answer-rejected': 'warning',
  'signed-in': 'info',
  'totp-preferred': 'info',
  'totp-preference-failed': 'warning',
  'device-gone-restart': 'warning',
  'unexpected-challenge': 'warning',
  'totp-answering': 'info',
  'totp-code-sending': 'info',
  'totp-code-reused': 'warning',
  'choosing': 'info',
  'no-srp-offered': 'warning',
  'password-proof-sending': 'info',
  'srp-started': 'info',
  'password-sending': 'info',
  'custom-answer-sending': 'info',
  'new-password-setting': 'info',
  'totp-enrolled': 'info',
  'email-mfa-setup': 'info',
  'device-authenticating': 'info',
  'device-proof-sending': 'info',
  'code-sent': 'info',
  'code-sending': 'info',
  'device-keys-unusable': 'warning',
  'device-confirm-failed': 'warning',
  'device-registered': 'info',
  'device-remembered': 'info',
  'device-remember-failed': 'warning',
  'device-not-remembered': 'info',
};

/** Receives the body of each event a step records. */
export type EventSink = (body: EngineEventBody) => void;

/** The event as recorded: the body, when (server time) and its level. */
export function flowEvent(body: EngineEventBody, at: number): FlowEvent {
  return { ...body, at, level: EVENT_LEVEL[body.kind] };
}

/**
 * The code of an error, for a warning event about a step that failed without failing the
 * sign-in: the service's exception name, else the error's code, clipped (the server wrote it).
 */
export function errorCodeOf(error: unknown): string {
  if (error instanceof AppError) return clip(error.exception ?? error.code);
  return error instanceof Error ? clip(error.name) : 'unknown';
}
