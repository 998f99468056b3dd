// Names the tests that passed only on their second try (vitest's `retry`, set for CI runs in
// vitest.config.ts), so that test/run-all.mjs prints them above the summary line. A retry keeps
// one slow moment of a loaded machine from failing a whole run; the list keeps the test that
// needed it in sight, so a flaky test is seen and fixed rather than carried along unnoticed.
// vitest's JSON report has no retry count, hence this reporter next to it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';

export const SECOND_TRY_REPORT = 'test-results/second-try.json';

export default class SecondTryReporter implements Reporter {
  private readonly passedOnRetry: string[] = [];

  onTestCaseResult(test: TestCase): void {
    if (test.diagnostic()?.flaky) this.passedOnRetry.push(`${relative(process.cwd(), test.module.moduleId)} > ${test.fullName}`);
  }

  onTestRunEnd(): void {
    mkdirSync(dirname(SECOND_TRY_REPORT), { recursive: true });
    writeFileSync(SECOND_TRY_REPORT, JSON.stringify(this.passedOnRetry, null, 2));
  }
}
