/**
 * g^x mod N for the fixed generator g and 256-bit exponents (x is always a SHA-256 output), with
 * a Lim-Lee comb. The exponent's 256 bits are cut into ROWS = 8 rows of 32 bits, and each row
 * into BLOCKS = 4 blocks of 8 columns; table s holds, for every subset of rows, the product of
 * g^(2^(32·j + 8·s)) over the rows j in it. Evaluation walks the 8 columns of a block once,
 * for all blocks together: 7 squarings and at most 32 multiplications (39 operations), where a
 * single table of 256 needs 31 + 32 = 63 and a windowed modPow 256 squarings. g^x sits on the
 * critical path after B arrives (and is the whole of the ConfirmDevice verifier), so this is
 * where a table pays: measured 0.32 ms per g^x against 0.60 ms with the single table. Four
 * blocks rather than 2 (47 operations, half the table) or 8 (35, twice the table): the tables
 * (1,024 numbers, ≈400 kB) cost ≈1,250 modular operations (≈13 ms, against ≈6 ms for the single
 * table) to build, once per process, on first use or by `warmFixedBaseTable()`, which
 * createEphemeral calls so that the cost lands before B is needed. Like modPow, not constant-time
 * (which table entries are read depends on the bits of x); modpow.ts says why that is accepted.
 */
import { foldingReducer } from './fold-reduce';
import { N, g } from './group';

const ROWS = 8;
const ROW_BITS = 32;
const BLOCKS = 4;
const BLOCK_BITS = ROW_BITS / BLOCKS;
/** Largest exponent the comb covers; longer ones go to the generic modPow. */
export const FIXED_BASE_MAX_BITS = ROWS * ROW_BITS;

const reduce = foldingReducer(N);
/** tables[s][mask]: product of g^(2^(ROW_BITS·j + BLOCK_BITS·s)) for the bits j set in mask. */
let tables: bigint[][] | undefined;

function buildTables(): bigint[][] {
  // pow2[i] = g^(2^i) mod N, for every bit position of the exponent.
  const pow2: bigint[] = [g % N];
  for (let i = 1; i < FIXED_BASE_MAX_BITS; i++) pow2.push(reduce(pow2[i - 1]! * pow2[i - 1]!));
  const result: bigint[][] = [];
  for (let s = 0; s < BLOCKS; s++) {
    const t = new Array<bigint>(1 << ROWS);
    t[0] = 1n;
    for (let mask = 1; mask < 1 << ROWS; mask++) {
      const top = 31 - Math.clz32(mask); // highest set bit: built from the table without it
      const rest = mask & ~(1 << top);
      const factor = pow2[ROW_BITS * top + BLOCK_BITS * s]!;
      t[mask] = rest === 0 ? factor : reduce(t[rest]! * factor);
    }
    result.push(t);
  }
  return result;
}

/** Builds the comb tables now (idempotent), so that a later `powG` pays no set-up. */
export function warmFixedBaseTable(): void {
  tables ??= buildTables();
}

/** g^x mod N for 0 <= x < 2^256. */
export function powG(x: bigint): bigint {
  if (x < 0n || x >> BigInt(FIXED_BASE_MAX_BITS) !== 0n) {
    throw new RangeError(`powG: exponent must be in [0, 2^${FIXED_BASE_MAX_BITS})`);
  }
  warmFixedBaseTable();
  const t = tables!;
  // rows[j] = bits ROW_BITS·j … ROW_BITS·j + 31 of x, as an unsigned 32-bit number.
  const rows: number[] = [];
  for (let j = 0; j < ROWS; j++) rows.push(Number(BigInt.asUintN(ROW_BITS, x >> BigInt(ROW_BITS * j))));
  let acc = 1n;
  let started = false; // until the first factor, acc is 1 and squaring or multiplying it is waste
  for (let col = BLOCK_BITS - 1; col >= 0; col--) {
    if (started) acc = reduce(acc * acc);
    for (let s = BLOCKS - 1; s >= 0; s--) {
      const bit = BLOCK_BITS * s + col;
      let mask = 0;
      for (let j = 0; j < ROWS; j++) mask |= ((rows[j]! >>> bit) & 1) << j;
      if (mask === 0) continue;
      acc = started ? reduce(acc * t[s]![mask]!) : t[s]![mask]!;
      started = true;
    }
  }
  return acc;
}
