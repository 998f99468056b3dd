// Serves the built test apps (web-apps/dist) on two loopback origins, for tests, the demo and
// the bench: the primary one on 127.0.0.1 and a second one on 127.0.0.2. Both serve the same files,
// so a page on the second origin is a cross-origin frame, or a copy of an app on a site nobody
// bound. A different host, not just a different port: extension match patterns ignore ports, so a
// host permission for http://127.0.0.1/* would cover 127.0.0.1:<any port> too, and only another
// host is truly another site for binding. (127.0.0.0/8 is all loopback on Linux, and both browsers
// treat it as a secure context, like 127.0.0.1.)
//
// /config.json tells the apps which pool to use (see shared/runtime-config.ts); a URL's query
// string overrides it. The server never keeps the process alive and close() ends it at once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONFIG_PARAMS, type PoolConfig } from './shared/runtime-config.ts';

export type { PoolConfig } from './shared/runtime-config.ts';

export const WEB_APPS_DIST = resolve(import.meta.dirname, 'dist');

/** The apps, by the path they are served under. */
export type WebApp = 'amplify' | 'identity-js' | 'code-fields';

export const PRIMARY_HOST = '127.0.0.1';
export const OTHER_HOST = '127.0.0.2';

export interface WebAppsOptions {
  /** The pool /config.json names; can be changed later with setPool. */
  pool?: PoolConfig;
  /** Port of the primary origin; 0 (the default) picks a free one. The other origin always uses a free one. */
  port?: number;
}

export interface WebAppsServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** http://127.0.0.2:<port>: another site, serving the same apps. */
  otherOrigin: string;
  /**
   * The app's URL; with `pool`, the pool is in the query string (then the page needs no
   * /config.json and keeps its pool across reloads).
   */
  url(app: WebApp, opts?: { pool?: PoolConfig; on?: 'primary' | 'other' }): string;
  setPool(pool: PoolConfig | undefined): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The file under dist a request path names, or undefined for anything outside it or missing. */
function fileFor(urlPath: string): string | undefined {
  let path: string;
  try { path = decodeURIComponent(urlPath); } catch { return undefined; }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(WEB_APPS_DIST, path));
  if (!file.startsWith(WEB_APPS_DIST + sep)) return undefined;
  if (!existsSync(file)) return undefined;
  return statSync(file).isFile() ? file : undefined;
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      // A forgotten close() must not keep a test process (or the demo's) alive.
      server.unref();
      resolveListen(`http://${host}:${(server.address() as AddressInfo).port}`);
    });
  });
}

export async function startWebApps(opts: WebAppsOptions = {}): Promise<WebAppsServer> {
  if (!existsSync(join(WEB_APPS_DIST, 'amplify', 'index.html'))) {
    throw new Error(`${WEB_APPS_DIST} has no build: run \`npm run build:web-apps\` first (npm test does it).`);
  }
  let pool = opts.pool;
  const origins = { primary: '', other: '' };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/config.json') {
      // The frame origin is "the other one", whichever origin the page was opened on.
      const onPrimary = req.headers.host === new URL(origins.primary).host;
      const body = JSON.stringify({ pool, crossOrigin: onPrimary ? origins.other : origins.primary });
      res.writeHead(200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store' }).end(body);
      return;
    }
    const file = fileFor(path === '/' ? '/amplify/' : path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };
  const servers = [createServer(handler), createServer(handler)] as const;
  try {
    origins.primary = await listen(servers[0], PRIMARY_HOST, opts.port ?? 0);
    origins.other = await listen(servers[1], OTHER_HOST, 0);
  } catch (error) {
    for (const server of servers) server.close(() => {});
    throw error;
  }
  return {
    origin: origins.primary,
    otherOrigin: origins.other,
    url(app, { pool: given, on = 'primary' } = {}) {
      const url = new URL(`/${app}/`, on === 'primary' ? origins.primary : origins.other);
      if (given) for (const name of CONFIG_PARAMS) url.searchParams.set(name, given[name]);
      return url.toString();
    },
    setPool(next) { pool = next; },
    async close() {
      await Promise.all(servers.map((server) => new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      })));
    },
  };
}
