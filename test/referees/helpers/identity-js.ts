// Promise adapters over amazon-cognito-identity-js's callback API. Each function drives exactly
// one library call and reports which callback the library chose, so a test can assert the
// sequence of challenges the pool presented.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import type { RefereePool } from './setup';
import { MemoryStorage } from './memory-storage';

export type IdentityStep =
  | { kind: 'signed-in'; session: CognitoUserSession; userConfirmationNecessary: boolean }
  | { kind: 'totp-required' }
  | { kind: 'mfa-setup' }
  | { kind: 'new-password-required'; userAttributes: Record<string, string>; requiredAttributes: string[] }
  | { kind: 'other-challenge'; challenge: string };

function stepCallbacks(resolve: (step: IdentityStep) => void, reject: (err: unknown) => void): IAuthenticationCallback {
  return {
    onSuccess: (session, userConfirmationNecessary) =>
      resolve({ kind: 'signed-in', session, userConfirmationNecessary: userConfirmationNecessary === true }),
    onFailure: reject,
    totpRequired: () => resolve({ kind: 'totp-required' }),
    mfaSetup: () => resolve({ kind: 'mfa-setup' }),
    newPasswordRequired: (userAttributes, requiredAttributes) =>
      resolve({ kind: 'new-password-required', userAttributes, requiredAttributes }),
    mfaRequired: (challenge) => resolve({ kind: 'other-challenge', challenge }),
    selectMFAType: (challenge) => resolve({ kind: 'other-challenge', challenge }),
    customChallenge: () => resolve({ kind: 'other-challenge', challenge: 'CUSTOM_CHALLENGE' }),
  };
}

function runStep(start: (callbacks: IAuthenticationCallback) => void): Promise<IdentityStep> {
  return new Promise((resolve, reject) => start(stepCallbacks(resolve, reject)));
}

/** A user pool object and a user bound to one storage, as a browser tab would have them. */
export interface IdentityClient {
  pool: CognitoUserPool;
  storage: MemoryStorage;
  user(username: string): CognitoUser;
}

export function identityClient(pool: RefereePool, storage = new MemoryStorage(), clientId = pool.clientId): IdentityClient {
  const userPool = new CognitoUserPool({
    UserPoolId: pool.userPoolId,
    ClientId: clientId,
    endpoint: pool.endpoint,
    Storage: storage,
  });
  return {
    pool: userPool,
    storage,
    user: (username) => new CognitoUser({ Username: username, Pool: userPool, Storage: storage }),
  };
}

/** USER_SRP_AUTH, the library's default flow. */
export function signInSrp(user: CognitoUser, username: string, password: string): Promise<IdentityStep> {
  const details = new AuthenticationDetails({ Username: username, Password: password });
  return runStep((callbacks) => user.authenticateUser(details, callbacks));
}

export function sendTotpCode(user: CognitoUser, code: string): Promise<IdentityStep> {
  return runStep((callbacks) =>
    user.sendMFACode(code, { onSuccess: callbacks.onSuccess, onFailure: callbacks.onFailure }, 'SOFTWARE_TOKEN_MFA'),
  );
}

export function completeNewPassword(user: CognitoUser, password: string): Promise<IdentityStep> {
  // No attributes echoed back: resending already-set ones is what AWS rejects.
  return runStep((callbacks) => user.completeNewPasswordChallenge(password, {}, callbacks));
}

export function associateSoftwareToken(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) =>
    user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
  );
}

/** During MFA_SETUP this also answers the MFA_SETUP challenge and yields the tokens. */
export function verifySoftwareToken(user: CognitoUser, code: string): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) =>
    user.verifySoftwareToken(code, 'referee authenticator', { onSuccess: resolve, onFailure: reject }),
  );
}

export function preferTotp(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) =>
    user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (err, result) =>
      err ? reject(err) : resolve(result ?? ''),
    ),
  );
}

export function rememberDevice(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) => user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }));
}

/** Storage keys under which the library keeps a user's device (see CognitoUser.cacheDeviceKeyAndPassword). */
export function deviceStorageKeys(clientId: string, username: string) {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.${username}`;
  return {
    deviceKey: `${prefix}.deviceKey`,
    deviceGroupKey: `${prefix}.deviceGroupKey`,
    devicePassword: `${prefix}.randomPasswordKey`,
  };
}
