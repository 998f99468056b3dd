// web-apps/server.ts: the two origins, the runtime pool config the apps read, nothing served from
// outside web-apps/dist, and a close() that really stops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApps, type PoolConfig, type WebAppsServer } from '../../web-apps/server';

const POOL: PoolConfig = { userPoolId: 'us-east-1_web1', clientId: 'client1', endpoint: 'http://127.0.0.1:9/' };

let apps: WebAppsServer;
beforeAll(async () => { apps = await startWebApps({ pool: POOL }); });
afterAll(async () => apps?.close());

describe('the web-apps server', () => {
  it('serves the apps on 127.0.0.1 and 127.0.0.2, on free ports', async () => {
    expect(apps.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(apps.otherOrigin).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    for (const app of ['amplify', 'identity-js', 'code-fields'] as const) {
      for (const on of ['primary', 'other'] as const) {
        const response = await fetch(apps.url(app, { on }));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      }
    }
  });

  it('tells each origin its pool and the other origin as the cross-origin frame host', async () => {
    expect(await (await fetch(`${apps.origin}/config.json`)).json()).toEqual({ pool: POOL, crossOrigin: apps.otherOrigin });
    expect(await (await fetch(`${apps.otherOrigin}/config.json`)).json()).toEqual({ pool: POOL, crossOrigin: apps.origin });
    const next = { ...POOL, clientId: 'client2' };
    apps.setPool(next);
    expect((await (await fetch(`${apps.origin}/config.json`)).json()).pool).toEqual(next);
    apps.setPool(POOL);
  });

  it('puts a given pool in the query string under the names the apps read', () => {
    const url = new URL(apps.url('identity-js', { pool: POOL }));
    expect(url.pathname).toBe('/identity-js/');
    expect(Object.fromEntries(url.searchParams)).toEqual(POOL);
  });

  it('serves nothing from outside web-apps/dist', async () => {
    for (const path of ['/package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/amplify/..%2f..%2fserver.ts', '/nope.js']) {
      expect((await fetch(`${apps.origin}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(apps.origin, { method: 'POST' })).status).toBe(405);
  });

  it('stops serving on close()', async () => {
    const own = await startWebApps();
    await fetch(`${own.origin}/config.json`);
    await own.close();
    await expect(fetch(`${own.origin}/config.json`)).rejects.toThrow();
    await expect(fetch(`${own.otherOrigin}/config.json`)).rejects.toThrow();
  });
});
