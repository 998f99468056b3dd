// SRP maths for the flows driven directly through @aws-sdk/client-cognito-identity-provider
// (ADMIN_USER_SRP_AUTH, InitiateAuth USER_SRP_AUTH). The numbers come from amazon-cognito-identity-js's
// AuthenticationHelper, the reference implementation, so these flows check the pool against AWS's
// own client maths rather than against the project's code.
import { createHmac } from 'node:crypto';
import * as identity from 'amazon-cognito-identity-js';

/** The jsbn-style BigInteger the helper works with (not part of the package's typings). */
interface JsbnBigInteger {
  toString(radix: number): string;
}

type JsbnConstructor = new (value: string, radix: number) => JsbnBigInteger;

type NodeCallback<T> = (err: unknown, value: T) => void;

/** The parts of AuthenticationHelper used here; the package exports the class but does not type it. */
interface AuthenticationHelper {
  N: JsbnBigInteger;
  getLargeAValue(callback: NodeCallback<JsbnBigInteger>): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: JsbnBigInteger,
    salt: JsbnBigInteger,
    callback: NodeCallback<Uint8Array>,
  ): void;
  calculateS(x: JsbnBigInteger, serverB: JsbnBigInteger, callback: NodeCallback<JsbnBigInteger>): void;
}

interface DateHelper {
  getNowString(): string;
}

const runtime = identity as unknown as {
  AuthenticationHelper: new (poolName: string) => AuthenticationHelper;
  DateHelper: new () => DateHelper;
};

export interface PasswordVerifierChallenge {
  USER_ID_FOR_SRP: string;
  SRP_B: string;
  SALT: string;
  SECRET_BLOCK: string;
}

export interface PasswordClaim {
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  PASSWORD_CLAIM_SIGNATURE: string;
  TIMESTAMP: string;
}

/** One client side of an SRP handshake: a fresh ephemeral a/A from the reference helper. */
export class ReferenceSrpSession {
  private readonly helper: AuthenticationHelper;
  private readonly BigInteger: JsbnConstructor;
  /** The premaster secret S of the last claim, observed from the reference maths. */
  lastS: bigint | undefined;

  /** `poolName`: user SRP → the part of the pool id after "_"; device SRP → DeviceGroupKey. */
  constructor(private readonly poolName: string) {
    this.helper = new runtime.AuthenticationHelper(poolName);
    this.BigInteger = this.helper.N.constructor as JsbnConstructor;
    // Watch S as the helper computes it (the leading-zero referee asserts on it); the value
    // passed on to the helper is untouched.
    const calculateS = this.helper.calculateS.bind(this.helper);
    this.helper.calculateS = (x, serverB, callback) =>
      calculateS(x, serverB, (err, s) => {
        if (!err) this.lastS = BigInt(`0x${s.toString(16)}`);
        callback(err, s);
      });
  }

  /** SRP_A as the reference clients send it: lowercase hex, no padding. */
  srpA(): Promise<string> {
    return new Promise((resolve, reject) =>
      this.helper.getLargeAValue((err, A) => (err ? reject(err) : resolve(A.toString(16)))),
    );
  }

  /** Answers PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER with userId = DeviceKey). */
  async claim(challenge: PasswordVerifierChallenge, password: string, userId = challenge.USER_ID_FOR_SRP): Promise<PasswordClaim> {
    await this.srpA();
    const key = await new Promise<Uint8Array>((resolve, reject) =>
      this.helper.getPasswordAuthenticationKey(
        userId,
        password,
        new this.BigInteger(challenge.SRP_B, 16),
        new this.BigInteger(challenge.SALT, 16),
        (err, hkdf) => (err ? reject(err) : resolve(hkdf)),
      ),
    );
    const timestamp = new runtime.DateHelper().getNowString();
    const signature = createHmac('sha256', key)
      .update(Buffer.from(this.poolName, 'utf8'))
      .update(Buffer.from(userId, 'utf8'))
      .update(Buffer.from(challenge.SECRET_BLOCK, 'base64'))
      .update(Buffer.from(timestamp, 'utf8'))
      .digest('base64');
    return {
      PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: signature,
      TIMESTAMP: timestamp,
    };
  }
}

/** Reads the four PASSWORD_VERIFIER parameters, failing with a clear message if one is absent. */
export function passwordVerifierChallenge(parameters: Record<string, string> | undefined): PasswordVerifierChallenge {
  const p = parameters ?? {};
  const missing = ['USER_ID_FOR_SRP', 'SRP_B', 'SALT', 'SECRET_BLOCK'].filter((k) => !p[k]);
  if (missing.length) throw new Error(`PASSWORD_VERIFIER challenge lacks ${missing.join(', ')}`);
  return { USER_ID_FOR_SRP: p.USER_ID_FOR_SRP!, SRP_B: p.SRP_B!, SALT: p.SALT!, SECRET_BLOCK: p.SECRET_BLOCK! };
}

/** SECRET_HASH = base64(HMAC-SHA256(clientSecret, username ‖ clientId)). */
export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

/** 2^3064: a 3072-bit value below it has a zero first byte in its 384-byte big-endian form. */
export const LEADING_ZERO_BYTE_BOUND = 1n << 3064n;

export function hexToBigInt(hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new Error('not a hex string');
  return BigInt(`0x${hex}`);
}

/**
 * Records the premaster secret S of every handshake amazon-cognito-identity-js computes in this
 * process (CognitoUser uses the same AuthenticationHelper class). Observation only: the value the
 * library goes on with is untouched. Call stop() to put the original method back.
 */
export function observeReferenceS(): { values: bigint[]; stop(): void } {
  const prototype = runtime.AuthenticationHelper.prototype as AuthenticationHelper;
  const original = prototype.calculateS;
  const values: bigint[] = [];
  prototype.calculateS = function (this: AuthenticationHelper, x, serverB, callback) {
    original.call(this, x, serverB, (err, s) => {
      if (!err) values.push(BigInt(`0x${s.toString(16)}`));
      callback(err, s);
    });
  };
  return {
    values,
    stop: () => {
      prototype.calculateS = original;
    },
  };
}
