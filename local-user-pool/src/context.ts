/**
 * What every operation handler gets: the state, the session store, the clock, the trigger runner,
 * and per-request facts (client IP, the region named in a SigV4 Authorization header).
 */
import type { State } from './store.js';
import type { SessionStore } from './sessions.js';
import type { HandshakeFilter } from './srp-server.js';
import type { TriggerRunner } from './triggers.js';
import type { IamRole } from './sms.js';

export interface ServerContext {
  state: State;
  sessions: SessionStore;
  now: () => number;
  /** http://127.0.0.1:PORT */
  origin: () => string;
  /** tokens' iss is `${origin}/${poolId}` instead of Cognito's (see issuer.ts) */
  localIssuer?: boolean;
  handshakeFilter?: HandshakeFilter;
  triggers: TriggerRunner;
  /** the IAM roles the pool can see, by ARN (sms.ts); others are taken to be set up right */
  iam: Map<string, IamRole>;
  /** called when the pool "sends" an SMS / e-mail code (the CLI prints it) */
  onCode?: (poolId: string, username: string, purpose: string, code: string) => void;
  /** mark state changed so it is persisted after the request */
  markDirty: () => void;
}

export interface RequestInfo {
  operation: string;
  sourceIp: string;
  /** region from `Credential=AKID/DATE/REGION/...` of a SigV4 Authorization header */
  signedRegion?: string;
  signed: boolean;
}

export type Handler = (ctx: ServerContext, body: Record<string, unknown>, req: RequestInfo) => Promise<object> | object;
