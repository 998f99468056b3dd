// Types shared by the sign-in engine and its callers (the background agent and the tests).
//
// Everything reachable from FlowState is plain JSON (strings, numbers, booleans, arrays,
// objects): the background encrypts the state and persists it between service-worker
// lifetimes, so no class instances, functions or bigints may live here.

import type { CognitoApi } from '../api';
import type { ServerClock } from '../clock';
import type { Prompt } from './prompts';

/** An app client of a user pool. */
export interface PoolClient {
  userPoolId: string;
  clientId: string;
  /** Only for confidential app clients; adds SECRET_HASH / ClientSecret to requests. */
  clientSecret?: string;
  /** Overrides the regional endpoint (the local pool in tests and `npm start`). */
  endpoint?: string;
}

/** A device the user pool tracks for this user, with the password only this client knows. */
export interface DeviceSecret {
  deviceKey: string;
  deviceGroupKey: string;
  devicePassword: string;
}

/** What the background holds for the account and lends to the engine for one call. */
export interface SignInSecrets {
  password?: string;
  /** Base32 TOTP secret of the account's software token. */
  totpSecret?: string;
  device?: DeviceSecret;
}

export type AuthFlowChoice =
  | 'USER_SRP_AUTH'
  | 'USER_PASSWORD_AUTH'
  | 'USER_AUTH'
  | 'CUSTOM_AUTH'
  /** CUSTOM_AUTH that starts with SRP (AuthParameters.CHALLENGE_NAME = SRP_A). */
  | 'CUSTOM_AUTH_SRP';

export interface SignInPolicy {
  /** false: ask the person before the engine answers TOTP or device challenges by itself. */
  autoAnswer: boolean;
  /** Mark a newly confirmed device as remembered when the pool leaves that to the user. */
  rememberDevice: boolean;
  /** ConfirmDevice DeviceName and VerifySoftwareToken FriendlyDeviceName (1–1024 chars). */
  deviceName: string;
}

export interface SignInRequest {
  client: PoolClient;
  /** As typed: the username or a sign-in alias (email, phone, preferred_username). */
  username: string;
  /** Default USER_SRP_AUTH. */
  flow?: AuthFlowChoice;
  /** USER_AUTH only: PASSWORD_SRP, PASSWORD, EMAIL_OTP, SMS_OTP (WEB_AUTHN is refused). */
  preferredChallenge?: string;
  clientMetadata?: Record<string, string>;
  analyticsMetadata?: { AnalyticsEndpointId?: string };
  userContextData?: { EncodedData?: string; IpAddress?: string };
  policy: SignInPolicy;
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  /** Absent when a refresh returned none (the caller keeps its old one; refreshTokens does that). */
  refreshToken?: string;
  tokenType: string;
  /** Access-token lifetime in seconds, as returned. */
  expiresIn: number;
  /** When the access token expires, epoch ms on the server clock. */
  expiresAt: number;
}

/**
 * What the engine did, as data: a `kind` and structured fields, no sentence (the pages word each
 * kind in the person's language). Never contains a secret; text that came from the server
 * (usernames, challenge names, error codes, the masked delivery destination) is clipped
 * (server-text.ts).
 */
export type EngineEventBody =
  /** InitiateAuth is sent for `username` as typed; `withDevice`: with the remembered device's key. */
  | { kind: 'flow-started'; flow: AuthFlowChoice; username: string; withDevice: boolean }
  /** The server asked this challenge (ChallengeName). */
  | { kind: 'challenge'; name: string }
  | { kind: 'approved' }
  | { kind: 'declined' }
  /** The server refused a person's answer with `code`; the same prompt is asked again. */
  | { kind: 'answer-rejected'; code: string }
  | { kind: 'signed-in'; username: string }
  | { kind: 'totp-preferred' }
  | { kind: 'totp-preference-failed'; errorCode: string }
  /** The held device no longer exists at the pool: forgotten, and the sign-in starts again without it. */
  | { kind: 'device-gone-restart' }
  /** A challenge that cannot follow the step sent; nothing was sent for it. */
  | { kind: 'unexpected-challenge'; name: string }
  | { kind: 'totp-answering' }
  | { kind: 'totp-code-sending' }
  /** The current TOTP code was already used; the next one answers. */
  | { kind: 'totp-code-reused' }
  /** The engine chose this option at SELECT_CHALLENGE or SELECT_MFA_TYPE. */
  | { kind: 'choosing'; choice: string }
  /** The pool offers no SRP sign-in, so the saved password is not sent in plaintext unasked. */
  | { kind: 'no-srp-offered' }
  /** The SRP proof of the password is being sent (not yet accepted: what follows says whether it was). */
  | { kind: 'password-proof-sending' }
  | { kind: 'srp-started' }
  | { kind: 'password-sending' }
  | { kind: 'custom-answer-sending' }
  | { kind: 'new-password-setting' }
  | { kind: 'totp-enrolled' }
  | { kind: 'email-mfa-setup' }
  | { kind: 'device-authenticating' }
  /** The remembered device's SRP proof is being sent (not yet accepted). */
  | { kind: 'device-proof-sending' }
  /** A code was sent (SMS or e-mail); `destination` as the server masked it. */
  | { kind: 'code-sent'; destination?: string }
  | { kind: 'code-sending' }
  /** NewDeviceMetadata without keys Cognito could have issued: the device is not kept. */
  | { kind: 'device-keys-unusable' }
  | { kind: 'device-confirm-failed'; errorCode: string }
  | { kind: 'device-registered'; deviceName: string }
  /** `by`: the extension marked it remembered (the pool leaves it to the user), or the pool always remembers. */
  | { kind: 'device-remembered'; by: 'extension' | 'pool' }
  | { kind: 'device-remember-failed'; errorCode: string }
  /** Tracked by the pool but not remembered (the account's policy). */
  | { kind: 'device-not-remembered' };

export type EngineEventKind = EngineEventBody['kind'];

/** One progress event of a sign-in, as recorded (server time) and handed to onEvent. */
export type FlowEvent = EngineEventBody & { at: number; level: 'info' | 'warning' };

/** The challenge the flow is currently in, as the last server response described it. */
export interface ChallengeSnapshot {
  name: string;
  parameters: Record<string, string>;
  /** USER_AUTH's top-level AvailableChallenges (SELECT_CHALLENGE). */
  availableChallenges?: string[];
}

/** The persisted state of a flow waiting for a person. JSON only (see the file comment). */
export interface FlowState {
  version: 1;
  request: SignInRequest;
  /** The typed username until the server names the canonical one (USER_ID_FOR_SRP / USERNAME). */
  username: string;
  /** Newest Session of the chain; absent before InitiateAuth. */
  session?: string;
  /** Absent while waiting for a password before InitiateAuth. */
  challenge?: ChallengeSnapshot;
  /** What the person is being asked; its answer resumes the flow. */
  prompt: Prompt;
  /** A TOTP secret enrolled during MFA_SETUP, kept until the flow ends (the state is encrypted). */
  enrolledTotpSecret?: string;
  /** The password set during NEW_PASSWORD_REQUIRED, kept until the flow ends. */
  newPassword?: string;
  /** The held device the server no longer knows; the engine ignores it from then on. */
  forgottenDeviceKey?: string;
  /** Sign-in was restarted once without the forgotten device. */
  restarted: boolean;
  /** Challenges received so far in this sign-in (capped by MAX_CHALLENGE_STEPS); absent = 0. */
  steps?: number;
  /** Passwords typed at the prompt that Cognito refused in this sign-in (capped by MAX_PASSWORD_ATTEMPTS); absent = 0. */
  passwordAttempts?: number;
  events: FlowEvent[];
}

export interface SignedInOutcome {
  status: 'signed-in';
  tokens: Tokens;
  /** A device confirmed during this sign-in (NewDeviceMetadata); store it. */
  device?: DeviceSecret & { remembered: boolean };
  /** A TOTP secret enrolled during MFA_SETUP; store it as the account's authenticator. */
  enrolledTotpSecret?: string;
  /** otpauth:// URI of the enrolled secret, to show as a QR code for a second device. */
  enrolledTotpUri?: string;
  /** The password set during NEW_PASSWORD_REQUIRED; it replaces the stored one. */
  newPassword?: string;
  /** The held device the server no longer knows; delete it. */
  forgottenDeviceKey?: string;
  canonicalUsername: string;
  events: FlowEvent[];
}

export interface NeedsInputOutcome {
  status: 'needs-input';
  state: FlowState;
  prompt: Prompt;
  events: FlowEvent[];
}

export type FlowOutcome = NeedsInputOutcome | SignedInOutcome;

export interface EngineDeps {
  api: CognitoApi;
  clock: ServerClock;
  /** Source of random bytes for SRP ephemerals (defaults to crypto.getRandomValues). */
  random?: (n: number) => Uint8Array;
  /** TOTP code of a base32 secret at a moment (epoch ms). */
  totp: (secret: string, nowMs: number) => string;
  /**
   * Called as soon as VerifySoftwareToken accepted a secret enrolled during MFA_SETUP, before
   * the flow goes on. From that moment Cognito holds this secret as the user's software token, so
   * the caller should store it at once: a flow that fails or is cut off later would otherwise lose
   * the only copy and lock the user out. A rejection stops the flow before MFA_SETUP is answered.
   */
  onTotpEnrolled?: (secret: string) => Promise<void>;
  /**
   * Called with a secret from AssociateSoftwareToken right before VerifySoftwareToken is sent
   * with a code of it. If the caller is stopped while that request is on the wire, Cognito may
   * have accepted the secret without the caller learning it: keeping it now (as pending, until
   * onTotpEnrolled) is the only way not to lose it. A rejection stops the flow before the request.
   */
  onTotpPending?: (secret: string) => Promise<void>;
  /**
   * Called with each progress event as the engine records it. The outcome carries them all, but a
   * call that throws returns no outcome: this is how the caller still shows what the failing call
   * did before the error (e.g. the `declined` event). Events never hold a secret.
   */
  onEvent?: (event: FlowEvent) => void;
}
