/**
 * g^x mod N for the fixed generator g and 256-bit exponents (x is always a SHA-256 output), with
 * a Lim-Lee comb: the exponent's 256 bits are cut into ROWS rows of 32 bits, and a table holds
 * every product of g^(2^(32·j)) over subsets of rows. Evaluation then costs 31 squarings and at most
 * 32 multiplications instead of the 256 squarings of a windowed modPow: g^x sits on the critical
 * path after B arrives (and is the whole of the ConfirmDevice verifier), so this is where a table
 * pays. The table (256 numbers, ≈100 kB) is built once per process, on first use or by
 * `warmFixedBaseTable()`, which createEphemeral calls so that the cost lands before B is needed.
 */
import { N, g } from './group';

const ROWS = 8;
const ROW_BITS = 32;
/** Largest exponent the comb covers; longer ones go to the generic modPow. */
export const FIXED_BASE_MAX_BITS = ROWS * ROW_BITS;

let table: bigint[] | undefined;

function buildTable(): bigint[] {
  // rowBase[j] = g^(2^(ROW_BITS·j)) mod N
  const rowBase: bigint[] = [g % N];
  for (let j = 1; j < ROWS; j++) {
    let v = rowBase[j - 1]!;
    for (let s = 0; s < ROW_BITS; s++) v = (v * v) % N;
    rowBase.push(v);
  }
  // t[mask] = product of rowBase[j] for the bits j set in mask; built from the lower masks.
  const t: bigint[] = new Array<bigint>(1 << ROWS);
  t[0] = 1n;
  for (let mask = 1; mask < 1 << ROWS; mask++) {
    const top = 31 - Math.clz32(mask); // highest set bit
    const rest = mask & ~(1 << top);
    t[mask] = rest === 0 ? rowBase[top]! : (t[rest]! * rowBase[top]!) % N;
  }
  return t;
}

/** Builds the comb table now (idempotent), so that a later `powG` pays no set-up. */
export function warmFixedBaseTable(): void {
  table ??= buildTable();
}

/** g^x mod N for 0 <= x < 2^256. */
export function powG(x: bigint): bigint {
  if (x < 0n || x >> BigInt(FIXED_BASE_MAX_BITS) !== 0n) {
    throw new RangeError(`powG: exponent must be in [0, 2^${FIXED_BASE_MAX_BITS})`);
  }
  warmFixedBaseTable();
  const t = table!;
  // bits[p] is bit (FIXED_BASE_MAX_BITS - 1 - p) of x.
  const bits = x.toString(2).padStart(FIXED_BASE_MAX_BITS, '0');
  let acc = 1n;
  for (let col = ROW_BITS - 1; col >= 0; col--) {
    acc = (acc * acc) % N;
    let mask = 0;
    for (let j = 0; j < ROWS; j++) {
      if (bits.charCodeAt(FIXED_BASE_MAX_BITS - 1 - (j * ROW_BITS + col)) === 0x31 /* '1' */) mask |= 1 << j;
    }
    if (mask !== 0) acc = (acc * t[mask]!) % N;
  }
  return acc;
}
