/**
 * The pool's state: user pools with their clients, users, devices, refresh tokens and signing
 * keys. Everything here is JSON so it can be persisted; auth-flow sessions live in sessions.ts and
 * are deliberately not persisted (they last minutes). Persistence is atomic: write a temp file in
 * the same directory, fsync it, rename it over the target.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SrpVerifier } from './srp-server.js';
import type { WebAcl } from './waf.js';

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';

/** Knobs that AWS does not expose but a test oracle needs (timing windows, throttles). */
export interface LocalSettings {
  /** seconds a PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER answer may take after the challenge */
  passwordVerifierWindowSeconds: number;
  /** allowed |TIMESTAMP - server time| in seconds */
  timestampSkewSeconds: number;
  /** failed password / code attempts per user allowed within one minute before "Password attempts exceeded" */
  maxFailedAttemptsPerMinute: number;
  /** an associated AWS WAF web ACL (waf.ts) */
  webAcl?: WebAcl;
}

export const DEFAULT_LOCAL_SETTINGS: LocalSettings = {
  passwordVerifierWindowSeconds: 60,
  timestampSkewSeconds: 300,
  maxFailedAttemptsPerMinute: 5,
};

export interface DeviceRecord {
  deviceKey: string;
  deviceGroupKey: string;
  /** set by ConfirmDevice; a device without it is tracked but cannot do device SRP */
  verifier?: SrpVerifier;
  confirmed: boolean;
  remembered: boolean;
  name?: string;
  createdAt: number;
  lastModifiedAt: number;
  lastAuthenticatedAt: number;
  lastIp?: string;
}

export interface TotpState {
  secret: string;
  verified: boolean;
  friendlyName?: string;
  /** highest time step already accepted: a code for this step or an earlier one is a replay */
  lastUsedStep: number;
}

export interface MfaPreference {
  enabled: boolean;
  preferred: boolean;
}

export interface UserRecord {
  username: string;
  sub: string;
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  srp?: SrpVerifier;
  /** ms when a temporary password (FORCE_CHANGE_PASSWORD) was set */
  temporaryPasswordSetAt?: number;
  createdAt: number;
  lastModifiedAt: number;
  totp?: TotpState;
  /** secret from AssociateSoftwareToken not yet verified */
  pendingTotpSecret?: string;
  mfa: { SOFTWARE_TOKEN_MFA?: MfaPreference; SMS_MFA?: MfaPreference; EMAIL_OTP?: MfaPreference };
  devices: Record<string, DeviceRecord>;
  /** ms timestamps of recent failures, for the lockout */
  failures: number[];
}

export interface ClientRecord {
  clientId: string;
  clientName: string;
  clientSecret?: string;
  explicitAuthFlows: string[];
  authSessionValidityMinutes: number;
  accessTokenValiditySeconds: number;
  idTokenValiditySeconds: number;
  refreshTokenValiditySeconds: number;
  /** raw AWS fields echoed by DescribeUserPoolClient */
  tokenValidityUnits: { AccessToken: string; IdToken: string; RefreshToken: string };
  accessTokenValidity: number;
  idTokenValidity: number;
  refreshTokenValidity: number;
  enableTokenRevocation: boolean;
  preventUserExistenceErrors: 'ENABLED' | 'LEGACY';
  refreshTokenRotation: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds: number };
  readAttributes?: string[];
  writeAttributes?: string[];
  /** UserContextData.IpAddress is taken as the user's IP (context-data.ts); needs a client secret */
  enablePropagateAdditionalUserContextData?: boolean;
  createdAt: number;
  lastModifiedAt: number;
}

export interface RefreshRecord {
  clientId: string;
  username: string;
  originJti: string;
  deviceKey?: string;
  authTime: number;
  expiresAt: number;
  revoked: boolean;
  /** rotation: when this token was replaced, and by which hash */
  rotatedAt?: number;
}

export interface SigningKey {
  kid: string;
  privatePem: string;
  publicJwk: Record<string, string>;
}

export interface PoolRecord {
  id: string;
  name: string;
  region: string;
  createdAt: number;
  lastModifiedAt: number;
  /** the CreateUserPool / UpdateUserPool fields as given (Policies, Schema, DeviceConfiguration, ...) */
  config: Record<string, unknown>;
  mfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  softwareTokenMfaEnabled: boolean;
  smsMfaConfiguration?: Record<string, unknown>;
  emailMfaConfiguration?: Record<string, unknown>;
  local: LocalSettings;
  signingKey: SigningKey;
  clients: Record<string, ClientRecord>;
  /** keyed by the lookup form of the username (lower case unless the pool is case sensitive) */
  users: Record<string, UserRecord>;
  /** sha256(refresh token) -> record */
  refreshTokens: Record<string, RefreshRecord>;
  /** origin_jti values whose access tokens are revoked (RevokeToken, GlobalSignOut) */
  revokedOrigins: Record<string, number>;
  /** latest one-time code per user (lookup username) — exposed on GET /_local/codes */
  codes: Record<string, { code: string; purpose: string; destination?: string; createdAt: number }>;
}

export interface State {
  version: 1;
  pools: Record<string, PoolRecord>;
}

/**
 * A table keyed by ids that come from requests (pool ids, client ids, usernames, device keys,
 * attribute names): no prototype, so `__proto__`, `constructor` or `toString` are just keys that
 * are not there, never Object.prototype's members.
 */
export function table<T>(entries?: Record<string, T>): Record<string, T> {
  const t = Object.create(null) as Record<string, T>;
  if (entries) for (const k of Object.keys(entries)) t[k] = entries[k]!;
  return t;
}

export function emptyState(): State {
  return { version: 1, pools: table() };
}

/** A state read from disk gets the same prototype-free tables as one built in memory. */
function withTables(state: State): State {
  state.pools = table(state.pools);
  for (const pool of Object.values(state.pools)) {
    pool.clients = table(pool.clients);
    pool.users = table(pool.users);
    pool.refreshTokens = table(pool.refreshTokens);
    pool.revokedOrigins = table(pool.revokedOrigins);
    pool.codes = table(pool.codes);
    for (const user of Object.values(pool.users)) {
      user.attributes = table(user.attributes);
      user.devices = table(user.devices);
    }
  }
  return state;
}

export function loadState(path: string): State {
  if (!existsSync(path)) return emptyState();
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as State;
  if (parsed.version !== 1 || typeof parsed.pools !== 'object' || parsed.pools === null) throw new Error(`${path} is not a local pool state file`);
  return withTables(parsed);
}

/** Atomic write: a reader (or a crash) sees either the old file or the new one, never half of one. */
export function saveState(path: string, state: State): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
