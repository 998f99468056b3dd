/**
 * Child process of the memory bench: bytes allocated per SRP client step, per library. Started by
 * allocation.ts with --expose-gc and a 256 MB young generation; prints one JSON object.
 *
 * Method. Node 20's v8.getHeapStatistics() has no allocation counter (no total_allocated_bytes),
 * so allocation is read as heap growth while nothing is collected: a full GC empties the
 * young generation, then one step runs, and the growth of the heap spaces is what the step
 * allocated (garbage included, since nothing was freed). Code spaces are left out: the machine
 * code the JIT emits meanwhile is not the library's data, and comes and goes with re-optimisation
 * (which, with escape analysis, also removes some allocations: the numbers are for warmed-up
 * code; a first call in a fresh process allocates somewhat more). With semi-spaces this large, a
 * multi-megabyte step fits without a scavenge; v8.GCProfiler records every GC that did run inside
 * the sample anyway, and such a sample is dropped, so a collection can never shrink a number.
 * Off-heap ArrayBuffer stores (Buffer, large Uint8Array) are read from process.memoryUsage().
 * An empty step measured the same way gives the probe's own cost, subtracted from every sample.
 * Warm-up calls come first so that one-time work (JIT, our g^x comb table) is not counted here;
 * what stays in memory for good is the other table (module-load.ts).
 */
import v8 from 'node:v8';
import { amplify, identityJs, serverValues, srpHelper, thisProject, type SrpClientSteps } from './srp-steps';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('allocation-probe.ts needs --expose-gc');
const collect = gc;

const WARM_UP = 3;
const SAMPLES = 7;

interface Sample {
  heap: number;
  arrayBuffers: number;
}

/** Bytes in use in every V8 heap space but the code spaces. */
function dataHeapUsed(): number {
  let sum = 0;
  for (const space of v8.getHeapSpaceStatistics()) if (!space.space_name.startsWith('code_')) sum += space.space_used_size;
  return sum;
}

async function sampleOnce(step: () => unknown): Promise<Sample | undefined> {
  collect();
  collect();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const heap0 = dataHeapUsed();
  const ab0 = process.memoryUsage().arrayBuffers;
  await step();
  const heap1 = dataHeapUsed();
  const ab1 = process.memoryUsage().arrayBuffers;
  const { statistics } = profiler.stop();
  return statistics.length > 0 ? undefined : { heap: heap1 - heap0, arrayBuffers: ab1 - ab0 };
}

async function samples(step: () => unknown, warmUp = WARM_UP): Promise<{ samples: Sample[]; dropped: number }> {
  for (let i = 0; i < warmUp; i++) await step();
  const out: Sample[] = [];
  let dropped = 0;
  // A sample with a GC inside is retried, a bounded number of times.
  for (let tries = 0; out.length < SAMPLES && tries < SAMPLES * 3; tries++) {
    const s = await sampleOnce(step);
    if (s) out.push(s);
    else dropped++;
  }
  return { samples: out, dropped };
}

export interface ProbeResult {
  /** Samples of an empty step: what the measuring itself allocates. */
  overhead: Sample[];
  libraries: Array<{ name: string; srpA: Sample[]; claim: Sample[]; dropped: number }>;
}

const values = serverValues();
const libraries: SrpClientSteps[] = [thisProject(values), identityJs(values), srpHelper(values), await amplify(values)];
// The empty step: its first samples still include the probe's own JIT work, so it warms up
// longer, and the parent subtracts its smallest sample.
const overhead = await samples(() => undefined, 30);
const result: ProbeResult = { overhead: overhead.samples, libraries: [] };
for (const lib of libraries) {
  const a = await samples(lib.srpA);
  const c = await samples(lib.claim);
  result.libraries.push({ name: lib.name, srpA: a.samples, claim: c.samples, dropped: a.dropped + c.dropped });
}
process.stdout.write(JSON.stringify(result));
