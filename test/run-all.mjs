#!/usr/bin/env node
// The one test command (`npm test`): type-check, build and package both browsers, build the
// pseudo-locale extension and the test web apps (web-apps/), then run every vitest suite (unit, protocol vectors, local pool,
// official-client referees, engine, web apps, end-to-end in Chromium and Firefox) and finish with
// one summary line: `N passed, N failed[, N skipped]`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
function step(name, cmd, args) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

const setupFailures = [];
if (!step('type-check', npm, ['run', '-s', 'typecheck'])) setupFailures.push('type-check');
if (!step('build and package both browsers', npm, ['run', '-s', 'package'])) setupFailures.push('build/package');
// The pseudo-locale build (dist/pseudo-*) that test/e2e/pseudo-locale.test.ts loads.
if (!step('build the pseudo-locale extension', npm, ['run', '-s', 'build:pseudo'])) setupFailures.push('pseudo-locale build');
// The web apps the page-integration suites sign in on (web-apps/README.md): built once here.
if (!step('build the test web apps', npm, ['run', '-s', 'build:web-apps'])) setupFailures.push('web-apps build');

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
// Written by test/second-try-reporter.ts: the tests that passed only when run again (CI only).
const secondTry = 'test-results/second-try.json';
for (const file of [report, secondTry]) if (existsSync(file)) rmSync(file);
const vitestPassed = step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
  '--reporter=./test/second-try-reporter.ts', ...process.argv.slice(2)]);

let passed = 0, failed = 0, skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that failed with none of its tests failed: it did not load (syntax error), or a hook
  // failed (a beforeAll, whose tests vitest then reports as skipped). Counted, so that it cannot
  // pass silently.
  for (const f of r.testResults ?? []) {
    if (f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed')) {
      console.log(`FAILED outside its tests (a hook, or loading): ${f.name}`);
      failed += 1;
    }
  }
} else {
  failed += 1; // vitest did not even produce a report
}
// Whatever else vitest failed on (an unhandled error between tests) shows in its exit status.
if (!vitestPassed && failed === 0) {
  console.log('FAILED: vitest reported an error outside the tests (see above)');
  failed += 1;
}
if (existsSync(secondTry)) {
  const names = JSON.parse(readFileSync(secondTry, 'utf8'));
  if (names.length > 0) console.log(`Passed only on a second try (flaky, to be fixed):\n${names.map((n) => `  ${n}`).join('\n')}`);
}
// The type-check and the build are tests too: a red one is counted, not hidden.
for (const name of setupFailures) { console.log(`FAILED: ${name}`); failed += 1; }
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
