// The order vitest starts the test files in: the longest first, so that the run does not end with
// one long browser suite running alone while the other workers have nothing left to do.
//
// Vitest orders by the durations of the previous run when it has them (a developer's checkout),
// else by file size, larger first. A clean CI checkout has no previous run, and by size the two
// suites that run the shared end-to-end scenarios (e2e/chromium.test.ts and e2e/firefox.test.ts,
// a few lines each around scenarios.ts, about 100 s each) started last: a run of 20 minutes spent
// its last 100 s on them alone. So, without durations: the browser suites first (they are the
// long ones), each weighed with the test modules of its own folder that it imports.
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const BROWSER_SUITES = ['e2e', 'demo', 'web-apps'].map((dir) => `${sep}test${sep}${dir}${sep}`);

function weight(file: string): number {
  let size = statSync(file).size;
  for (const [, local] of readFileSync(file, 'utf8').matchAll(/from '(\.\/[^']+)'/g)) {
    try {
      size += statSync(resolve(dirname(file), `${local!.replace(/\.ts$/, '')}.ts`)).size;
    } catch {
      // not a .ts module of this folder: it weighs nothing here
    }
  }
  return (BROWSER_SUITES.some((dir) => file.includes(dir)) ? 1e9 : 0) + size;
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const known = files.every((f) => cache.getFileTestResults(`${f.project.name}:${relative(config.root, f.moduleId)}`));
    if (known) return super.sort(files);
    const weights = new Map(files.map((f) => [f.moduleId, weight(f.moduleId)]));
    return [...files].sort((a, b) => weights.get(b.moduleId)! - weights.get(a.moduleId)!);
  }
}
