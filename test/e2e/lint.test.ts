// AMO's own linter on the Firefox build: 0 errors and 0 warnings is the bar for a listed add-on.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

it('web-ext lint reports no errors, warnings or notices worth failing on for dist/firefox', () => {
  const root = resolve(import.meta.dirname, '../..');
  const out = execFileSync(process.execPath, [resolve(root, 'node_modules/web-ext/bin/web-ext.js'), 'lint',
    '--source-dir', resolve(root, 'dist/firefox'), '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 120_000 });
  const report = JSON.parse(out.slice(out.indexOf('{')));
  const describe = (list: { code: string; message: string }[]) => list.map((m) => `${m.code}: ${m.message}`);
  expect(describe(report.errors)).toEqual([]);
  expect(describe(report.warnings)).toEqual([]);
  expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
});
