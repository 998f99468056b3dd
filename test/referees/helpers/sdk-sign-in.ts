// Sign-in steps driven directly through @aws-sdk/client-cognito-identity-provider, as several
// referee files take them. The SRP numbers come from the reference maths (srp-maths.ts); with an
// app client secret every request carries its SECRET_HASH, as AWS requires.
import {
  AdminInitiateAuthCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AdminInitiateAuthCommandOutput,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
  type RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { RefereePool } from './setup';
import {
  passwordVerifierChallenge,
  ReferenceSrpSession,
  secretHash,
  type PasswordVerifierChallenge,
} from './srp-maths';

/** The app client a request goes to; with a secret, requests carry SECRET_HASH. */
export interface AppClient {
  clientId: string;
  clientSecret?: string;
}

export const publicClientOf = (pool: RefereePool): AppClient => ({ clientId: pool.clientId });

function secretHashParameter(client: AppClient, username: string): { SECRET_HASH?: string } {
  return client.clientSecret ? { SECRET_HASH: secretHash(username, client.clientId, client.clientSecret) } : {};
}

/** AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH on the pool's public client. */
export function adminPasswordSignIn(
  sdk: CognitoIdentityProviderClient,
  pool: RefereePool,
  user: { username: string; password: string },
): Promise<AdminInitiateAuthCommandOutput> {
  return sdk.send(
    new AdminInitiateAuthCommand({
      UserPoolId: pool.userPoolId,
      ClientId: pool.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
    }),
  );
}

/** InitiateAuth USER_PASSWORD_AUTH. */
export function passwordSignIn(
  sdk: CognitoIdentityProviderClient,
  client: AppClient,
  username: string,
  password: string,
): Promise<InitiateAuthCommandOutput> {
  return sdk.send(
    new InitiateAuthCommand({
      ClientId: client.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password, ...secretHashParameter(client, username) },
    }),
  );
}

/** A USER_SRP_AUTH sign-in between InitiateAuth and the PASSWORD_VERIFIER answer. */
export interface SrpSignInStarted {
  client: AppClient;
  srp: ReferenceSrpSession;
  started: InitiateAuthCommandOutput;
  challenge: PasswordVerifierChallenge;
}

/** InitiateAuth USER_SRP_AUTH with a fresh client ephemeral; fails clearly without a PASSWORD_VERIFIER. */
export async function startSrpSignIn(
  sdk: CognitoIdentityProviderClient,
  pool: RefereePool,
  username: string,
  client: AppClient = publicClientOf(pool),
): Promise<SrpSignInStarted> {
  const srp = new ReferenceSrpSession(pool.srpPoolName);
  const started = await sdk.send(
    new InitiateAuthCommand({
      ClientId: client.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: username, SRP_A: await srp.srpA(), ...secretHashParameter(client, username) },
    }),
  );
  return { client, srp, started, challenge: passwordVerifierChallenge(started.ChallengeParameters) };
}

/** RespondToAuthChallenge PASSWORD_VERIFIER with the reference claim for `password`. */
export async function answerPasswordVerifier(
  sdk: CognitoIdentityProviderClient,
  { client, srp, started, challenge }: SrpSignInStarted,
  password: string,
): Promise<RespondToAuthChallengeCommandOutput> {
  return sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: client.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: started.Session,
      ChallengeResponses: {
        USERNAME: challenge.USER_ID_FOR_SRP,
        // after InitiateAuth the hash is over USER_ID_FOR_SRP, the canonical username
        ...secretHashParameter(client, challenge.USER_ID_FOR_SRP),
        ...(await srp.claim(challenge, password)),
      },
    }),
  );
}
