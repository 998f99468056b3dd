// Folder boundaries the layout promises (README "Layout", docs/architecture.md): nothing imports
// from test/ except tests, and everything outside local-user-pool/ reaches the pool through its
// package name, never by a path into its folder.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|mjs|js)$/.test(name)) out.push(path);
  }
  return out;
}

/** Every module specifier of static and dynamic imports and re-exports in a file. */
function specifiers(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  return found;
}

/** Imports in `folders` whose target, resolved from the importing file, lies under `target`. */
function importsInto(folders: string[], target: string): string[] {
  const targetDir = join(ROOT, target) + '/';
  const hits: string[] = [];
  for (const folder of folders)
    for (const file of sourceFiles(join(ROOT, folder)))
      for (const spec of specifiers(file))
        if (spec.startsWith('.') && (resolve(file, '..', spec) + '/').startsWith(targetDir)) hits.push(`${relative(ROOT, file)} → ${spec}`);
  return hits;
}

describe('import boundaries', () => {
  it('finds the imports it looks for (the check itself works)', () => {
    expect(importsInto(['test/e2e'], 'browser-harness').length).toBeGreaterThan(0);
  });

  it('nothing outside test/ imports from test/', () => {
    expect(importsInto(['src', 'bench', 'scripts', 'browser-harness', 'local-user-pool', 'web-apps'], 'test')).toEqual([]);
  });

  it('the extension, its tests, the bench and the demo reach the local pool only through its package name', () => {
    expect(importsInto(['src', 'test', 'bench', 'scripts', 'browser-harness'], 'local-user-pool')).toEqual([]);
  });

  it('the local pool does not import the extension (its checks stay independent of src/)', () => {
    expect(importsInto(['local-user-pool'], 'src')).toEqual([]);
    expect(importsInto(['local-user-pool'], 'test')).toEqual([]);
  });
});
