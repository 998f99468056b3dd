// The list scripts/verify-source-archive.mjs prints when a rebuilt package differs from the
// submitted one: every differing entry by name, read from the zips themselves.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../scripts/deterministic-zip.mjs';
import { zipDifferences } from '../../scripts/zip-differences.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cogauth-zip-differences-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = [
  { name: 'manifest.json', data: Buffer.from('{"name":"x"}') },
  { name: 'background/service-worker.js', data: Buffer.from('console.log(1);\n') },
  { name: 'popup/popup.html', data: Buffer.from('<!doctype html>') },
];
let count = 0;
function zipOf(files: { name: string; data: Buffer }[]): string {
  const path = join(dir, `${count++}.zip`);
  writeZip(path, files);
  return path;
}

describe('zipDifferences', () => {
  it('is empty for two identical zips', () => {
    expect(zipDifferences(zipOf(FILES), zipOf(FILES))).toEqual([]);
  });

  it('names the one entry whose bytes differ, and no other', () => {
    const changed = FILES.map((f) => (f.name === 'background/service-worker.js' ? { ...f, data: Buffer.from('console.log(2);\n') } : f));
    const lines = zipDifferences(zipOf(FILES), zipOf(changed));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^background\/service-worker\.js: 16 bytes, sha256 [0-9a-f]{16} → 16 bytes, sha256 [0-9a-f]{16}$/);
  });

  it('names entries only one side holds', () => {
    const rebuilt = [...FILES.filter((f) => f.name !== 'popup/popup.html'), { name: 'extra.js', data: Buffer.from('') }];
    expect(zipDifferences(zipOf(FILES), zipOf(rebuilt))).toEqual([
      'extra.js: only in the rebuilt package',
      'popup/popup.html: only in the submitted package',
    ]);
  });

  it('says so when every entry agrees and only the zip itself differs', () => {
    const reversed = join(dir, 'reversed.zip');
    writeFileSync(reversed, zipSync(Object.fromEntries([...FILES].reverse().map((f) => [f.name, new Uint8Array(f.data)]))));
    expect(zipDifferences(zipOf(FILES), reversed)).toEqual(['every entry has the same bytes: the zips list them in another order']);
    const stored = join(dir, 'stored.zip');
    writeFileSync(stored, zipSync(Object.fromEntries([...FILES].sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => [f.name, [new Uint8Array(f.data), { level: 0 }]]))));
    expect(zipDifferences(zipOf(FILES), stored)).toEqual(['every entry has the same bytes: the zips differ in dates, attributes or compression']);
  });
});
