/**
 * Auth-flow sessions: opaque random strings (well inside Cognito's 20–2048 characters) mapped to
 * the server-side state of one sign-in. One chain per sign-in: every response that hands out a new
 * Session retires the one it was answering, so an old Session is "Invalid session for the user.".
 * A session lives for the app client's AuthSessionValidity (3 minutes by default).
 */
import { randomBytes } from 'node:crypto';
import type { ServerHandshake } from './srp-server.js';
import { invalidParameter, notAuthorized, SESSION_EXPIRED, SESSION_INVALID } from './errors.js';

export interface CustomChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

export interface SrpPending {
  handshake: ServerHandshake;
  secretBlock: Buffer;
  issuedAt: number;
  /** 'user': x from pool name + username; 'device': x from DeviceGroupKey + DeviceKey */
  kind: 'user' | 'device';
}

export interface AuthSession {
  id: string;
  poolId: string;
  clientId: string;
  /** canonical username (USER_ID_FOR_SRP); for an unknown user, what was typed */
  username: string;
  /** unknown user behind PreventUserExistenceErrors: every check of this session fails */
  userNotFound: boolean;
  admin: boolean;
  flow: string;
  createdAt: number;
  expiresAt: number;
  /** challenge names this session may be answered with */
  expect: string[];
  srp?: SrpPending;
  /** a valid, confirmed device presented by the client */
  deviceKey?: string;
  firstFactorDone: boolean;
  /** set when the first factor was passwordless (no MFA afterwards) */
  passwordless: boolean;
  newPasswordDone: boolean;
  mfaDone: boolean;
  deviceDone: boolean;
  /** one-time code sent for SMS_MFA / EMAIL_OTP / SMS_OTP challenges */
  pendingCode?: { code: string; challenge: string };
  /** AssociateSoftwareToken secret during MFA_SETUP */
  setupSecret?: string;
  mfaSetupVerified?: boolean;
  custom?: { results: CustomChallengeResult[]; privateParameters?: Record<string, string>; challengeMetadata?: string };
  clientMetadata?: Record<string, string>;
  /** ConfirmSignUp hands out a session that lets USER_AUTH skip the first factor */
  signUpConfirmed?: boolean;
}

/** The progress fields of a sign-in that has not started any step yet. */
export function noProgress(): Pick<
  AuthSession,
  'expect' | 'firstFactorDone' | 'passwordless' | 'newPasswordDone' | 'mfaDone' | 'deviceDone'
> {
  return { expect: [], firstFactorDone: false, passwordless: false, newPasswordDone: false, mfaDone: false, deviceDone: false };
}

export class SessionStore {
  private readonly sessions = new Map<string, AuthSession>();

  constructor(private readonly now: () => number) {}

  create(init: Omit<AuthSession, 'id' | 'createdAt' | 'expiresAt'>, validityMinutes: number): AuthSession {
    this.sweep();
    const now = this.now();
    // Cognito's sessions are opaque blobs that begin "AYAB"; starting ours the same way also keeps
    // a leading '-' (1 in 64 base64url strings) from reading as an option to the AWS CLI.
    const s: AuthSession = { ...init, id: `AYAB${randomBytes(96).toString('base64url')}`, createdAt: now, expiresAt: now + validityMinutes * 60_000 };
    this.sessions.set(s.id, s);
    return s;
  }

  /** Continues the chain: the previous Session stops working, the new one gets a fresh lifetime. */
  next(prev: AuthSession, validityMinutes: number, changes: Partial<AuthSession> = {}): AuthSession {
    this.sessions.delete(prev.id);
    const { id: _id, createdAt: _c, expiresAt: _e, ...rest } = prev;
    return this.create({ ...rest, ...changes }, validityMinutes);
  }

  /** Looks a Session up for a request; the caller decides whether the challenge name fits. */
  get(id: string | undefined, clientId: string): AuthSession {
    if (id === undefined || id === '') throw invalidParameter('Missing required parameter Session');
    const s = this.sessions.get(id);
    if (!s || s.clientId !== clientId) throw notAuthorized(SESSION_INVALID);
    if (this.now() > s.expiresAt) {
      this.sessions.delete(id);
      throw notAuthorized(SESSION_EXPIRED);
    }
    return s;
  }

  /** Same as get() but without a client check, for AssociateSoftwareToken / VerifySoftwareToken. */
  getAny(id: string): AuthSession {
    const s = this.sessions.get(id);
    if (!s) throw notAuthorized(SESSION_INVALID);
    if (this.now() > s.expiresAt) {
      this.sessions.delete(id);
      throw notAuthorized(SESSION_EXPIRED);
    }
    return s;
  }

  end(s: AuthSession): void {
    this.sessions.delete(s.id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    if (this.sessions.size < 1000) return;
    const now = this.now();
    for (const [id, s] of this.sessions) if (now > s.expiresAt) this.sessions.delete(id);
  }
}
