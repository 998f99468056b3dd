// What the two builds ship: the right background for each browser, the version from
// package.json, a strict CSP, no remote code, and a worker entry that pulls in no page code
// (crxjs#1227: the loader once imported a content/page chunk that touches `document`).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COGNITO_HOST_PERMISSIONS } from '../../src/cognito/user-pool-endpoints';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifestOf = (target: string) => JSON.parse(readFileSync(join(root, 'dist', target, 'manifest.json'), 'utf8'));

/** Every module the worker loads, following static imports from the loader. */
function workerModules(target: string): Map<string, string> {
  const dir = join(root, 'dist', target);
  const seen = new Map<string, string>();
  const visit = (rel: string) => {
    if (seen.has(rel)) return;
    const code = readFileSync(join(dir, rel), 'utf8');
    seen.set(rel, code);
    for (const m of code.matchAll(/(?:import|from)\s*["']([^"']+)["']/g)) {
      const spec = m[1]!;
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
      visit(join(rel, '..', spec).replace(/^\/+/, ''));
    }
  };
  visit('service-worker-loader.js');
  return seen;
}

describe.each(['chrome', 'firefox'])('dist/%s', (target) => {
  const manifest = manifestOf(target);

  it('takes its version from package.json and has no store-rejected keys', () => {
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest).not.toHaveProperty('key');
  });

  it('has the background each browser runs', () => {
    if (target === 'chrome') {
      expect(manifest.background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module' });
      expect(manifest).not.toHaveProperty('browser_specific_settings');
    } else {
      expect(manifest.background).toEqual({ scripts: ['service-worker-loader.js'], type: 'module' });
      expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
      expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    }
  });

  it('grants at install only the Cognito user-pool hosts of the generated list; others are optional per-origin grants', () => {
    expect(manifest.host_permissions).toEqual([...COGNITO_HOST_PERMISSIONS]);
    expect(manifest.host_permissions.filter((p: string) => !/^https:\/\/cognito-idp(-fips)?\.[a-z0-9-]+\.[a-z0-9.]+\/\*$/.test(p))).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*']);
  });

  it('asks for notifications and clipboardWrite only when wanted; holds webRequest from install (a listener added at a later grant wakes no stopped worker)', () => {
    expect(manifest.permissions).not.toContain('notifications');
    expect(manifest.permissions).not.toContain('clipboardWrite');
    expect(manifest.optional_permissions).toEqual(['notifications', 'clipboardWrite']);
    expect(manifest.permissions).toContain('webRequest');
  });

  it('has a strict CSP: scripts only from the package, no eval', () => {
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval/);
    expect(csp).toMatch(/object-src|default-src 'none'/);
  });

  it('loads no remote code and no page code in the worker', () => {
    const modules = workerModules(target);
    expect(modules.size).toBeGreaterThan(1);
    for (const [name, code] of modules) {
      expect(code, `${name} imports remote code`).not.toMatch(/import\s*\(?\s*["']https?:/);
      expect(code, `${name} touches document (a page chunk in the worker)`).not.toMatch(/\bdocument\.(getElementById|querySelector|createElement|body)\b/);
    }
  });

  it('ships no source maps or test files', () => {
    const files: string[] = readdirSync(join(root, 'dist', target), { recursive: true }) as string[];
    expect(files.filter((f) => f.endsWith('.map') || /test/.test(f))).toEqual([]);
  });
});
