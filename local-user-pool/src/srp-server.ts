/**
 * Server side of Cognito's SRP-6a variant, written independently of src/cognito so the pool is an
 * honest check of our client. Maths per docs/cognito-protocol.md §2: N = RFC 3526 3072-bit prime,
 * g = 2, k = H(enc(N) ‖ enc(g)), every hashed integer encoded with enc() (Java toByteArray()).
 */
import { createDiffieHellman, createHash, createHmac, randomBytes } from 'node:crypto';

export const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/** Minimal big-endian two's-complement bytes of a non-negative integer (Java BigInteger.toByteArray()). */
export function enc(n: bigint): Buffer {
  if (n < 0n) throw new RangeError('enc() is only defined here for non-negative integers');
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  if (/^[89a-f]/.test(hex)) hex = '00' + hex;
  return Buffer.from(hex, 'hex');
}

export function sha256(...parts: (Buffer | Uint8Array | string)[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
  return h.digest();
}

export function bytesToBigInt(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}

export const k = bytesToBigInt(sha256(enc(N), enc(g)));

/** base^exp mod m with a 4-bit fixed window; BigInt has no native modular exponentiation. */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  let b = ((base % m) + m) % m;
  if (exp === 0n) return 1n;
  const table: bigint[] = [1n, b];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * b) % m);
  const hex = exp.toString(16);
  let r = 1n;
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) {
      r = (r * r) % m;
      r = (r * r) % m;
      r = (r * r) % m;
      r = (r * r) % m;
    }
    const d = parseInt(hex[i]!, 16);
    if (d !== 0) r = (r * table[d]!) % m;
  }
  b = r;
  return b;
}

const N_BYTES = Buffer.from(N.toString(16), 'hex');

function toBytes(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  return Buffer.from(hex, 'hex');
}

// One DH object serves every call: computeSecret(base) = base^priv mod p, and setting the private
// key each time is all that changes. Creating one per call also pays OpenSSL's group set-up.
const dhModN = createDiffieHellman(N_BYTES, Buffer.from([2]));

/**
 * base^exp mod N through OpenSSL, several times faster than BigInt; it refuses bases ≤ 1 or
 * ≥ N-1, which fall back to modPow().
 */
export function modPowN(base: bigint, exp: bigint): bigint {
  const b = ((base % N) + N) % N;
  if (exp > 0n && b > 1n && b < N - 1n) {
    try {
      dhModN.setPrivateKey(toBytes(exp));
      return bytesToBigInt(dhModN.computeSecret(toBytes(b)));
    } catch {
      // fall through to the BigInt path
    }
  }
  return modPow(b, exp, N);
}

/** x = H(enc(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)). For devices: poolName = DeviceGroupKey, userId = DeviceKey. */
export function computeX(poolName: string, userId: string, password: string, salt: bigint): bigint {
  const inner = sha256(`${poolName}${userId}:${password}`);
  return bytesToBigInt(sha256(enc(salt), inner));
}

export interface SrpVerifier {
  /** salt as lowercase hex, no padding (what goes out as SALT) */
  saltHex: string;
  /** v = g^x mod N, lowercase hex */
  verifierHex: string;
}

/** Builds the user's verifier when a password is set (16-byte salt, like Cognito's 32-hex-digit SALT). */
export function createVerifier(poolName: string, userId: string, password: string, salt = randomBytes(16)): SrpVerifier {
  const s = bytesToBigInt(salt);
  const x = computeX(poolName, userId, password, s);
  return { saltHex: s.toString(16), verifierHex: modPowN(g, x).toString(16) };
}

/** Checks a password against a stored verifier (used for USER_PASSWORD_AUTH, ChangePassword): g^x == v. */
export function passwordMatches(poolName: string, userId: string, password: string, v: SrpVerifier): boolean {
  const x = computeX(poolName, userId, password, BigInt('0x' + v.saltHex));
  return modPowN(g, x) === BigInt('0x' + v.verifierHex);
}

export type HandshakeFilter = 'B-leading-zero' | 'S-leading-zero';

export interface ServerHandshake {
  b: bigint;
  B: bigint;
  A: bigint;
  /** the shared secret S, computed eagerly so the response can be checked without redoing modpows */
  S: bigint;
  u: bigint;
}

/** True when the value, written as a fixed 384-byte big-endian number, starts with a 0x00 byte (value < 2^3064). */
export function hasLeadingZeroByte(n: bigint): boolean {
  return n < 1n << 3064n;
}

/**
 * Picks a fresh b and computes B = k·v + g^b and the shared S = (A·v^u)^b. With a filter, b is
 * stepped until B, resp. S, has a leading zero byte, so tests can force the short-encoding cases
 * that naive clients get wrong. Stepping b to b+1 costs one multiplication each for g^b, A^b and
 * v^b, so a candidate's S = A^b · (v^b)^u needs a single modpow (u changes with B every step)
 * where computing (A·v^u)^b afresh would need two; S-leading-zero tries ~256 candidates.
 */
export function serverHandshake(A: bigint, verifier: bigint, filter?: HandshakeFilter): ServerHandshake {
  if (A % N === 0n) throw new RangeError('SRP_A is 0 mod N');
  const b0 = bytesToBigInt(randomBytes(32));
  const kv = (k * verifier) % N;
  const stepper = new EphemeralStepper(A, verifier, b0, filter === 'S-leading-zero');
  for (let attempt = 0; attempt < 100_000; attempt++, stepper.step()) {
    const { b, gb } = stepper;
    const B = (kv + gb) % N;
    if (B === 0n || (filter === 'B-leading-zero' && !hasLeadingZeroByte(B))) continue;
    const u = bytesToBigInt(sha256(enc(A), enc(B)));
    if (u === 0n) continue;
    const S = stepper.sharedSecret(u);
    if (filter !== 'S-leading-zero' || hasLeadingZeroByte(S)) return { b, B, A, S, u };
  }
  throw new Error('handshake filter could not be satisfied');
}

/** b and g^b, and (only when S is searched) A^b and v^b, kept in step as b counts up. */
class EphemeralStepper {
  gb: bigint;
  private Ab: bigint | undefined;
  private vb: bigint | undefined;

  constructor(
    private readonly A: bigint,
    private readonly v: bigint,
    public b: bigint,
    searchingS: boolean,
  ) {
    this.gb = modPowN(g, b);
    if (searchingS) {
      this.Ab = modPowN(A, b);
      this.vb = modPowN(v, b);
    }
  }

  step(): void {
    this.b += 1n;
    this.gb = (this.gb * g) % N;
    if (this.Ab !== undefined) this.Ab = (this.Ab * this.A) % N;
    if (this.vb !== undefined) this.vb = (this.vb * this.v) % N;
  }

  /** S = (A·v^u)^b, from the kept powers when there are some. */
  sharedSecret(u: bigint): bigint {
    if (this.Ab !== undefined && this.vb !== undefined) return (this.Ab * modPowN(this.vb, u)) % N;
    return modPowN((this.A * modPowN(this.v, u)) % N, this.b);
  }
}

/** HKDF-SHA256(IKM = enc(S), salt = enc(u), info = "Caldera Derived Key"), first 16 bytes. */
export function derivePasswordKey(S: bigint, u: bigint): Buffer {
  const prk = createHmac('sha256', enc(u)).update(enc(S)).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** The PASSWORD_CLAIM_SIGNATURE the client must have produced. */
export function expectedClaimSignature(
  hs: ServerHandshake,
  poolName: string,
  userId: string,
  secretBlock: Buffer,
  timestamp: string,
): string {
  const key = derivePasswordKey(hs.S, hs.u);
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(userId, 'utf8'), secretBlock, Buffer.from(timestamp, 'utf8')]))
    .digest('base64');
}

/** Parses a hex SRP value the way a Java server would (BigInteger(hex, 16)); null if not hex. */
export function parseHex(s: string): bigint | null {
  if (!/^[0-9a-fA-F]{1,2048}$/.test(s)) return null;
  return BigInt('0x' + s);
}
