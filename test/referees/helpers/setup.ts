// Builds a user pool on the local server the way an administrator would on AWS: every step goes
// through @aws-sdk/client-cognito-identity-provider with SigV4-signed admin calls.
import { randomBytes } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { totpCode } from './totp';

export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' } as const;

/** Region the admin client uses before a pool id (which carries its region) exists. */
export const SETUP_REGION = 'us-east-1';

/** App-client session lifetime in minutes; the expired-session referee steps past it. */
export const AUTH_SESSION_VALIDITY_MINUTES = 3;

export const ALL_AUTH_FLOWS: ExplicitAuthFlowsType[] = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
];

export const DEVICE_CONFIGURATION = {
  ChallengeRequiredOnNewDevice: true,
  DeviceOnlyRememberedOnUserPrompt: true,
} as const;

/** `ready`: permanent password; `totp`: ready and enrolled in TOTP MFA; `temporary`: must set a new password. */
export type UserKind = 'ready' | 'totp' | 'temporary';

export interface UserSpec {
  username: string;
  kind: UserKind;
}

export interface PoolSpec {
  poolName: string;
  /** 'ON' makes users without a factor meet MFA_SETUP; 'OPTIONAL' challenges only enrolled users. */
  mfa: 'ON' | 'OPTIONAL';
  users: UserSpec[];
  /** false: a pool that tracks no devices (no DeviceConfiguration); default: DEVICE_CONFIGURATION. */
  deviceTracking?: boolean;
}

export interface SeededUser {
  username: string;
  kind: UserKind;
  /** The permanent password, or the temporary one for `temporary` users. */
  password: string;
  /** Base32 TOTP secret for `totp` users. */
  totpSecret?: string;
}

export interface RefereePool {
  endpoint: string;
  region: string;
  userPoolId: string;
  /** The part of the pool id after the underscore: the SRP "pool name". */
  srpPoolName: string;
  clientId: string;
  secretClient: { clientId: string; clientSecret: string };
  users: Record<string, SeededUser>;
}

/** The region is the part of a user pool id before the underscore (`us-east-1_abc` → `us-east-1`). */
export function regionOfPool(userPoolId: string): string {
  const region = userPoolId.split('_')[0];
  if (!region || !userPoolId.includes('_')) throw new Error(`Not a user pool id: ${userPoolId}`);
  return region;
}

export function cognitoClient(endpoint: string, region: string): CognitoIdentityProviderClient {
  // One attempt: a referee must see the pool's first answer, not a retried one.
  return new CognitoIdentityProviderClient({ endpoint, region, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
}

/** A password that satisfies the default pool policy (upper, lower, digit, symbol, length ≥ 8). */
export function randomPassword(): string {
  return `Ref-${randomBytes(9).toString('base64url')}-a1!Z`;
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Local pool answer is missing ${what}`);
  return value;
}

export async function setUpPool(
  endpoint: string,
  spec: PoolSpec,
  clock: () => number = Date.now,
): Promise<RefereePool> {
  const setupClient = cognitoClient(endpoint, SETUP_REGION);
  try {
    const created = await setupClient.send(
      new CreateUserPoolCommand({
        PoolName: spec.poolName,
        // AWS only lets MFA be switched on once a factor is configured, so the pool starts with
        // MFA off and SetUserPoolMfaConfig below turns it on together with TOTP.
        MfaConfiguration: 'OFF',
        ...(spec.deviceTracking === false ? {} : { DeviceConfiguration: DEVICE_CONFIGURATION }),
      }),
    );
    const userPoolId = required(created.UserPool?.Id, 'UserPool.Id');
    const region = regionOfPool(userPoolId);
    const admin = cognitoClient(endpoint, region);
    try {
      await admin.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: userPoolId,
          SoftwareTokenMfaConfiguration: { Enabled: true },
          MfaConfiguration: spec.mfa,
        }),
      );
      const createClient = (suffix: string, GenerateSecret: boolean) =>
        admin.send(
          new CreateUserPoolClientCommand({
            UserPoolId: userPoolId,
            ClientName: `${spec.poolName}-${suffix}`,
            GenerateSecret,
            ExplicitAuthFlows: ALL_AUTH_FLOWS,
            AuthSessionValidity: AUTH_SESSION_VALIDITY_MINUTES,
          }),
        );
      const publicClient = await createClient('public', false);
      const secretClient = await createClient('confidential', true);
      const clientId = required(publicClient.UserPoolClient?.ClientId, 'UserPoolClient.ClientId');
      const pool: RefereePool = {
        endpoint,
        region,
        userPoolId,
        srpPoolName: userPoolId.slice(userPoolId.indexOf('_') + 1),
        clientId,
        secretClient: {
          clientId: required(secretClient.UserPoolClient?.ClientId, 'UserPoolClient.ClientId'),
          clientSecret: required(secretClient.UserPoolClient?.ClientSecret, 'UserPoolClient.ClientSecret'),
        },
        users: {},
      };
      for (const user of spec.users) {
        pool.users[user.username] = await createUser(admin, pool, user, clock);
      }
      return pool;
    } finally {
      admin.destroy();
    }
  } finally {
    setupClient.destroy();
  }
}

async function createUser(
  admin: CognitoIdentityProviderClient,
  pool: RefereePool,
  spec: UserSpec,
  clock: () => number,
): Promise<SeededUser> {
  const password = randomPassword();
  await admin.send(
    new AdminCreateUserCommand({
      UserPoolId: pool.userPoolId,
      Username: spec.username,
      TemporaryPassword: spec.kind === 'temporary' ? password : randomPassword(),
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: `${spec.username}@example.com` },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  if (spec.kind === 'temporary') return { username: spec.username, kind: spec.kind, password };

  await admin.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool.userPoolId,
      Username: spec.username,
      Password: password,
      Permanent: true,
    }),
  );
  if (spec.kind === 'ready') return { username: spec.username, kind: spec.kind, password };

  const totpSecret = await enrolTotp(admin, pool, spec.username, password, clock);
  return { username: spec.username, kind: spec.kind, password, totpSecret };
}

/**
 * Enrols a software token the way a user would: sign in (tokens in an OPTIONAL pool, MFA_SETUP in
 * an ON pool), associate, verify with the previous step's code (so the current step stays unused
 * for the test), then make TOTP the preferred factor.
 */
async function enrolTotp(
  admin: CognitoIdentityProviderClient,
  pool: RefereePool,
  username: string,
  password: string,
  clock: () => number,
): Promise<string> {
  const signIn = await admin.send(
    new AdminInitiateAuthCommand({
      UserPoolId: pool.userPoolId,
      ClientId: pool.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );

  let secretCode: string;
  if (signIn.AuthenticationResult?.AccessToken) {
    const accessToken = signIn.AuthenticationResult.AccessToken;
    const associated = await admin.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    secretCode = required(associated.SecretCode, 'AssociateSoftwareToken.SecretCode');
    const verified = await admin.send(
      new VerifySoftwareTokenCommand({
        AccessToken: accessToken,
        UserCode: totpCode(secretCode, clock(), -1),
        FriendlyDeviceName: 'referee authenticator',
      }),
    );
    if (verified.Status !== 'SUCCESS') throw new Error(`VerifySoftwareToken answered Status ${verified.Status}`);
  } else if (signIn.ChallengeName === 'MFA_SETUP') {
    const associated = await admin.send(
      new AssociateSoftwareTokenCommand({ Session: required(signIn.Session, 'AdminInitiateAuth.Session') }),
    );
    secretCode = required(associated.SecretCode, 'AssociateSoftwareToken.SecretCode');
    const verified = await admin.send(
      new VerifySoftwareTokenCommand({
        Session: required(associated.Session, 'AssociateSoftwareToken.Session'),
        UserCode: totpCode(secretCode, clock(), -1),
        FriendlyDeviceName: 'referee authenticator',
      }),
    );
    if (verified.Status !== 'SUCCESS') throw new Error(`VerifySoftwareToken answered Status ${verified.Status}`);
    const finished = await admin.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: pool.userPoolId,
        ClientId: pool.clientId,
        ChallengeName: 'MFA_SETUP',
        Session: required(verified.Session, 'VerifySoftwareToken.Session'),
        ChallengeResponses: { USERNAME: username },
      }),
    );
    required(finished.AuthenticationResult?.AccessToken, 'AuthenticationResult.AccessToken after MFA_SETUP');
  } else {
    throw new Error(`Enrolling TOTP: unexpected answer to AdminInitiateAuth (challenge ${signIn.ChallengeName ?? 'none'})`);
  }

  await admin.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: pool.userPoolId,
      Username: username,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  return secretCode;
}
