/**
 * amazon-cognito-identity-js (AWS's own legacy client) driven as a reference oracle for the SRP
 * maths: its AuthenticationHelper with its internal jsbn BigInteger, and the signature HMAC built
 * exactly as CognitoUser.authenticateUserInternal builds it. Node-only, test-only: used by the
 * vector generator and the property tests. The library ships no types for these internals, so the
 * few members used are described here.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface JsbnBigInteger {
  toString(radix: number): string;
  compareTo(other: JsbnBigInteger): number;
  bitLength(): number;
}
type JsbnCtor = new (value: string, radix: number) => JsbnBigInteger;
type NodeCallback<T> = (err: unknown, value: T) => void;

interface AuthenticationHelperInstance {
  poolName: string;
  smallAValue: JsbnBigInteger;
  largeAValue: JsbnBigInteger | undefined;
  UValue: JsbnBigInteger;
  UHexHash: string;
  getLargeAValue(cb: NodeCallback<JsbnBigInteger>): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: JsbnBigInteger,
    salt: JsbnBigInteger,
    cb: NodeCallback<Uint8Array>,
  ): void;
  calculateU(A: JsbnBigInteger, B: JsbnBigInteger): JsbnBigInteger;
  calculateS(x: JsbnBigInteger, B: JsbnBigInteger, cb: NodeCallback<JsbnBigInteger>): void;
  hash(data: string | Buffer): string;
  hexHash(hex: string): string;
  padHex(n: JsbnBigInteger): string;
  generateRandomString(): string;
  generateHashDevice(deviceGroupKey: string, username: string, cb: NodeCallback<null>): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
}

const lib = require('amazon-cognito-identity-js') as {
  AuthenticationHelper: new (poolName: string) => AuthenticationHelperInstance;
  DateHelper: new () => { getNowString(): string };
};
const BigInteger = (require('amazon-cognito-identity-js/lib/BigInteger.js') as { default: JsbnCtor }).default;
const { Sha256 } = require('@aws-crypto/sha256-js') as {
  Sha256: new (secret?: Uint8Array) => { update(data: Uint8Array): void; digestSync(): Uint8Array };
};

export function jsbn(n: bigint): JsbnBigInteger {
  return new BigInteger(n.toString(16), 16);
}

export function fromJsbn(n: JsbnBigInteger): bigint {
  const hex = n.toString(16);
  return hex.startsWith('-') ? -BigInt('0x' + hex.slice(1)) : BigInt('0x' + hex);
}

/** The library's callbacks are synchronous; this unwraps one and rethrows its error. */
function sync<T>(run: (cb: NodeCallback<T>) => void): T {
  let out: { value: T } | undefined;
  let failure: unknown;
  run((err, value) => {
    if (err) failure = err;
    else out = { value };
  });
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  if (!out) throw new Error('oracle callback was not called synchronously');
  return out.value;
}

let shared: AuthenticationHelperInstance | undefined;

/**
 * The helper with pool name and secret a set. One instance is reused: its constructor spends
 * ~0.1 s on a random A that would be thrown away, and every field a computation reads is reset here.
 */
export function helperWithSecret(poolName: string, aHex: string): AuthenticationHelperInstance {
  shared ??= new lib.AuthenticationHelper(poolName);
  const helper = shared;
  helper.poolName = poolName;
  helper.smallAValue = new BigInteger(aHex, 16);
  helper.largeAValue = undefined;
  sync<JsbnBigInteger>((cb) => helper.getLargeAValue(cb));
  return helper;
}

export interface OraclePasswordClaimInput {
  poolName: string;
  userId: string;
  password: string;
  aHex: string;
  srpB: string;
  saltHex: string;
  secretBlock: string;
  timestamp: string;
}

export interface OraclePasswordClaim {
  signature: string;
  srpA: string;
  /** u as the library computed it. */
  u: bigint;
}

/** PASSWORD_CLAIM_SIGNATURE exactly as CognitoUser computes it. */
export function oraclePasswordClaim(input: OraclePasswordClaimInput): OraclePasswordClaim {
  const helper = helperWithSecret(input.poolName, input.aHex);
  const B = new BigInteger(input.srpB, 16);
  const salt = new BigInteger(input.saltHex, 16);
  const hkdf = sync<Uint8Array>((cb) => helper.getPasswordAuthenticationKey(input.userId, input.password, B, salt, cb));

  const message = Buffer.concat([
    Buffer.from(input.poolName, 'utf8'),
    Buffer.from(input.userId, 'utf8'),
    Buffer.from(input.secretBlock, 'base64'),
    Buffer.from(input.timestamp, 'utf8'),
  ]);
  const mac = new Sha256(hkdf);
  mac.update(message);
  const signature = Buffer.from(mac.digestSync()).toString('base64');
  return { signature, srpA: helper.largeAValue!.toString(16), u: fromJsbn(helper.UValue) };
}

/**
 * The premaster secret S through the library's own pieces (getPasswordAuthenticationKey does not
 * expose it), so a generator can confirm which edge case a vector exercises.
 */
export function oracleS(input: Omit<OraclePasswordClaimInput, 'secretBlock' | 'timestamp'>): bigint {
  const helper = helperWithSecret(input.poolName, input.aHex);
  const B = new BigInteger(input.srpB, 16);
  const salt = new BigInteger(input.saltHex, 16);
  helper.UValue = helper.calculateU(helper.largeAValue!, B);
  const x = new BigInteger(
    helper.hexHash(helper.padHex(salt) + helper.hash(`${input.poolName}${input.userId}:${input.password}`)),
    16,
  );
  return fromJsbn(sync<JsbnBigInteger>((cb) => helper.calculateS(x, B, cb)));
}

/** SRP_A for a fixed a. */
export function oracleSrpA(aHex: string): string {
  return helperWithSecret('unused', aHex).largeAValue!.toString(16);
}

/**
 * Runs `fn` with crypto.getRandomValues replaced by a source that hands out `bytes` in order.
 * amazon-cognito-identity-js draws its random bytes as 32-bit words, big-endian.
 */
function withRandomBytes<T>(bytes: Uint8Array, fn: () => T): T {
  let offset = 0;
  const fake = <A extends ArrayBufferView | null>(array: A): A => {
    if (!(array instanceof Uint32Array)) throw new Error('oracle: unexpected getRandomValues call');
    for (let i = 0; i < array.length; i++) {
      let word = 0;
      for (let j = 0; j < 4; j++) word = word * 256 + (bytes[offset++] ?? 0);
      array[i] = word;
    }
    return array;
  };
  Object.defineProperty(globalThis.crypto, 'getRandomValues', { value: fake, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    // Removing the own property uncovers the real prototype method again.
    delete (globalThis.crypto as unknown as Record<string, unknown>)['getRandomValues'];
  }
}

/**
 * ConfirmDevice verifier from AuthenticationHelper.generateHashDevice, with its random device
 * password and 16 random salt bytes replaced by the given ones. Base64 as CognitoUser sends them.
 */
export function oracleDeviceVerifier(
  deviceGroupKey: string,
  deviceKey: string,
  devicePassword: string,
  saltBytes: Uint8Array,
): { salt: string; passwordVerifier: string } {
  if (saltBytes.length !== 16) throw new Error('the reference draws exactly 16 salt bytes');
  const helper = helperWithSecret('unused', '01');
  helper.generateRandomString = () => devicePassword;
  withRandomBytes(saltBytes, () => sync<null>((cb) => helper.generateHashDevice(deviceGroupKey, deviceKey, cb)));
  return {
    salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
    passwordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
  };
}

/** TIMESTAMP from the library's DateHelper, with the clock pinned to `epochMs`. */
export function oracleTimestamp(epochMs: number): string {
  const RealDate = globalThis.Date;
  class PinnedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(epochMs);
      else super(...(args as [string]));
    }
  }
  globalThis.Date = PinnedDate as DateConstructor;
  try {
    return new lib.DateHelper().getNowString();
  } finally {
    globalThis.Date = RealDate;
  }
}

/** The library's padHex (its Java-compatible encoding) of a non-negative integer, lowercase. */
export function oraclePadHex(n: bigint): string {
  return helperWithSecret('unused', '01').padHex(jsbn(n)).toLowerCase();
}

/**
 * SECRET_HASH via node's OpenSSL HMAC: the JS reference clients do not support client secrets,
 * so an independent HMAC implementation is the oracle here.
 */
export function oracleSecretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac('sha256', Buffer.from(clientSecret, 'utf8')).update(username + clientId, 'utf8').digest('base64');
}
