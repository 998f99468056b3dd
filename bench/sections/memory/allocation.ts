/**
 * Runs allocation-probe.ts in a child node: the probe needs --expose-gc and a young generation
 * large enough that one SRP step never triggers a scavenge, flags a process only takes at start.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ProbeResult } from './allocation-probe';

const run = promisify(execFile);

/** MB per semi-space: room for ~250 MB of garbage between GCs; the largest step allocates ~6 MB. */
const SEMI_SPACE_MB = 256;

export async function measureAllocation(root: string): Promise<ProbeResult> {
  const probe = join(root, 'bench', 'sections', 'memory', 'allocation-probe.ts');
  const args = ['--import', 'tsx', '--expose-gc', `--min-semi-space-size=${SEMI_SPACE_MB}`, `--max-semi-space-size=${SEMI_SPACE_MB}`, probe];
  const { stdout } = await run(process.execPath, args, { cwd: root, timeout: 120_000, maxBuffer: 1 << 20 }).catch(
    (error: Error & { stderr?: string }) => {
      throw new Error(`the allocation probe failed: ${(error.stderr ?? error.message).split('\n').slice(0, 8).join('\n')}`);
    },
  );
  return JSON.parse(stdout) as ProbeResult;
}
