// A pass-through in front of a user pool that notes the calls made through it: the web-app
// suites (test/web-apps, test/e2e), the bench's page section and anything else that needs to
// count what an app or the extension asked the pool. Lives here, not under test/, so the bench
// can use it (test/unit/import-boundaries.test.ts).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PoolCalls {
  /** `Operation(AuthFlow or ChallengeName)->status`, in the order the pool answered. */
  readonly list: string[];
  /** The same calls with the Origin header they came with: a page's calls from the extension's own. */
  readonly made: { call: string; origin: string | undefined }[];
  clear(): void;
}

function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A pass-through in front of the pool that notes each call's operation, AuthFlow/ChallengeName
 * and status: what the app itself sent, seen the same way in every browser. Request bodies hold
 * passwords and codes: only those two names are read from them, and nothing is kept.
 */
export async function startPoolRecorder(target: string): Promise<{ endpoint: string; calls: PoolCalls; close(): Promise<void> }> {
  const list: string[] = [];
  const made: { call: string; origin: string | undefined }[] = [];
  const hopByHop = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
  const server = createServer(async (req, res) => {
    try {
      const body = await bodyOf(req);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !hopByHop.has(name)).map(([name, value]) => [name, String(value)]));
      const upstream = await fetch(new URL(req.url ?? '/', target), {
        method: req.method ?? 'GET', headers, ...(req.method === 'POST' ? { body: new Uint8Array(body) } : {}),
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      if (req.method === 'POST') {
        const operation = (req.headers['x-amz-target'] ?? '?').toString().split('.').pop();
        let detail = '';
        try {
          const sent = JSON.parse(body.toString('utf8')) as { AuthFlow?: unknown; ChallengeName?: unknown };
          detail = String(sent.AuthFlow ?? sent.ChallengeName ?? '');
        } catch { /* not JSON: no detail */ }
        const call = `${operation}${detail ? `(${detail})` : ''}->${upstream.status}`;
        list.push(call);
        made.push({ call, origin: req.headers.origin });
      }
      const back = Object.fromEntries([...upstream.headers].filter(([name]) => !hopByHop.has(name) && name !== 'content-encoding'));
      res.writeHead(upstream.status, back).end(answer);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls: { list, made, clear: () => { list.length = 0; made.length = 0; } },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
