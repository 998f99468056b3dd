/**
 * What a page or the worker of the built extension downloads: the file and everything it imports
 * (static and dynamic imports, stylesheets), each file gzipped at level 9 as a store or a browser
 * cache would see it. Shared by the extension and bundle-size sections so both count alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Every file a page or script loads from `dist`: static and dynamic imports, and stylesheets. */
export function closure(dist: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
      : file.endsWith('.js') ? [...text.matchAll(/(?:import|from)\s*\(?\s*["']([^"']+\.(?:js|css))["']/g)].map((m) => m[1]!) : [];
    for (const ref of refs) queue.push(ref.startsWith('/') ? join(dist, ref) : normalize(join(dirname(file), ref)));
  }
  return [...seen].filter((f) => !f.endsWith('.html')).sort();
}

export function sizes(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** The Chrome build's worker, with everything it imports. */
export function chromeWorkerFiles(dist: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { background: { service_worker: string } };
  return closure(dist, [join(dist, manifest.background.service_worker)]);
}
