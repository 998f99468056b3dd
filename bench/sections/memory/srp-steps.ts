/**
 * The two client steps of an SRP sign-in, SRP_A and PASSWORD_CLAIM_SIGNATURE, as each client
 * library performs them, on one shared set of server values (the same shape bench/sections/srp.ts
 * uses: B uniform below N, a 16-byte salt, a ~1.7 kB SECRET_BLOCK). Used by the allocation probe,
 * which runs in a child process; kept apart so the probe itself is only the measuring.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSrpSession, signSrpSession } from 'cognito-srp-helper';
import { N } from '../../../src/cognito/srp/group';
import { createEphemeral, type SrpEphemeral } from '../../../src/cognito/srp/ephemeral';
import { passwordClaimSignature } from '../../../src/cognito/srp/password-claim';
import { cognitoTimestamp } from '../../../src/cognito/timestamp';

const require = createRequire(import.meta.url);

export interface SrpClientSteps {
  name: string;
  /** Makes a fresh a and A (what InitiateAuth sends as SRP_A). */
  srpA(): unknown;
  /** PASSWORD_CLAIM_SIGNATURE once B has arrived, with an A made beforehand. */
  claim(): unknown;
}

export interface ServerValues {
  poolId: string;
  poolName: string;
  userId: string;
  password: string;
  srpB: string;
  saltHex: string;
  secretBlock: string;
  timestamp: string;
}

export function serverValues(): ServerValues {
  const B = BigInt('0x' + randomBytes(384).toString('hex')) % N;
  return {
    poolId: 'eu-west-2_eYpv1mFHB',
    poolName: 'eYpv1mFHB',
    userId: 'a2c2e290-6d0f-4a08-a5ca-f0162935f3a6',
    password: 'Qwerty1!-bench',
    srpB: B.toString(16),
    saltHex: randomBytes(16).toString('hex'),
    secretBlock: randomBytes(1300).toString('base64'),
    timestamp: cognitoTimestamp(Date.now()),
  };
}

// amazon-cognito-identity-js has no types for its AuthenticationHelper; only what is called is described.
interface Jsbn {
  toString(radix: number): string;
}
interface ReferenceHelper {
  getPasswordAuthenticationKey(user: string, password: string, B: Jsbn, salt: Jsbn, cb: (err: unknown, hkdf: Uint8Array) => void): void;
}
type Sha256Ctor = new (secret?: Uint8Array) => { update(d: Uint8Array): void; digestSync(): Uint8Array };

export function thisProject(v: ServerValues): SrpClientSteps {
  const ephemeral: SrpEphemeral = createEphemeral();
  return {
    name: 'this project',
    srpA: () => createEphemeral(),
    claim: () => passwordClaimSignature({ ...v, ephemeral }),
  };
}

export function identityJs(v: ServerValues): SrpClientSteps {
  const { AuthenticationHelper } = require('amazon-cognito-identity-js') as { AuthenticationHelper: new (poolName: string) => ReferenceHelper };
  const Jsbn = (require('amazon-cognito-identity-js/lib/BigInteger.js') as { default: new (v: string, radix: number) => Jsbn }).default;
  const { Sha256 } = require('@aws-crypto/sha256-js') as { Sha256: Sha256Ctor };
  const helper = new AuthenticationHelper(v.poolName); // its constructor makes a and A
  return {
    name: 'amazon-cognito-identity-js',
    srpA: () => new AuthenticationHelper(v.poolName),
    claim: () => {
      // As CognitoUser.authenticateUserInternal: B and salt parsed, key from the helper, HMAC.
      let signature = '';
      helper.getPasswordAuthenticationKey(v.userId, v.password, new Jsbn(v.srpB, 16), new Jsbn(v.saltHex, 16), (err, hkdf) => {
        if (err) throw err;
        const mac = new Sha256(hkdf);
        mac.update(Buffer.concat([Buffer.from(v.poolName), Buffer.from(v.userId), Buffer.from(v.secretBlock, 'base64'), Buffer.from(v.timestamp)]));
        signature = Buffer.from(mac.digestSync()).toString('base64');
      });
      return signature;
    },
  };
}

export function srpHelper(v: ServerValues): SrpClientSteps {
  const session = createSrpSession(v.userId, v.password, v.poolId, false);
  const challenge = {
    ChallengeName: 'PASSWORD_VERIFIER' as const,
    ChallengeParameters: { SALT: v.saltHex, SRP_B: v.srpB, SECRET_BLOCK: v.secretBlock, USER_ID_FOR_SRP: v.userId },
  };
  return {
    name: 'cognito-srp-helper',
    srpA: () => createSrpSession(v.userId, v.password, v.poolId, false),
    claim: () => signSrpSession(session, challenge),
  };
}

// Amplify v6 keeps its SRP client internal (what signIn calls); its package exports do not
// reach it, so it is imported by file, from the same ESM build `aws-amplify/auth` loads.
interface AmplifyBigInteger {
  toString(radix: number): string;
}
interface AmplifyHelper {
  getPasswordAuthenticationKey(p: { username: string; password: string; serverBValue: AmplifyBigInteger; salt: AmplifyBigInteger }): Promise<Uint8Array>;
}
interface AmplifySrp {
  getAuthenticationHelper(poolName: string): Promise<AmplifyHelper>;
  getSignatureString(p: { userPoolName: string; username: string; challengeParameters: Record<string, string>; dateNow: string; hkdf: Uint8Array }): string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const AMPLIFY_SRP_DIR = join(root, 'node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp');

export async function amplify(v: ServerValues): Promise<SrpClientSteps> {
  const srp = (await import(pathToFileURL(join(AMPLIFY_SRP_DIR, 'index.mjs')).href)) as AmplifySrp;
  const { BigInteger } = (await import(pathToFileURL(join(AMPLIFY_SRP_DIR, 'BigInteger/index.mjs')).href)) as {
    BigInteger: new (v: string, radix: number) => AmplifyBigInteger;
  };
  const helper = await srp.getAuthenticationHelper(v.poolName);
  return {
    name: 'Amplify v6 (internal SRP helper)',
    srpA: () => srp.getAuthenticationHelper(v.poolName),
    claim: async () => {
      // As Amplify's handlePasswordVerifierChallenge: B and salt parsed, key, then the signature.
      const hkdf = await helper.getPasswordAuthenticationKey({
        username: v.userId,
        password: v.password,
        serverBValue: new BigInteger(v.srpB, 16),
        salt: new BigInteger(v.saltHex, 16),
      });
      return srp.getSignatureString({
        userPoolName: v.poolName,
        username: v.userId,
        challengeParameters: { SECRET_BLOCK: v.secretBlock },
        dateNow: v.timestamp,
        hkdf,
      });
    },
  };
}
