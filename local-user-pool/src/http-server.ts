/**
 * The HTTP face of the pool: AWS JSON 1.1 protocol on POST /, CORS for browsers, JWKS and the
 * test-only code route. Every request is handled inside try/catch: a bug becomes an
 * InternalErrorException answer, never a crashed server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ServerContext, RequestInfo } from './context.js';
import { PoolError } from './errors.js';
import { issuerOf } from './issuer.js';
import { checkContextMembers } from './context-data.js';
import { checkWebAcl } from './waf.js';
import { route } from './router.js';
import type { ResponseHolds } from './response-hold.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The deepest Cognito request shape is a handful of levels (ContextData.HttpHeaders[i].headerName);
 * anything far deeper is refused at the door, so that nothing stored from a request (pool
 * settings are kept as given) can later overflow the stack of JSON.stringify when it is
 * persisted or described. The reference is silent on a limit: this one is the pool's choice.
 */
export const MAX_JSON_DEPTH = 64;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Depth of a parsed JSON value (a scalar is 0), without recursion. */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > max) max = d + 1;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';
const ALLOWED_HEADERS =
  'content-type, x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, x-amz-content-sha256, authorization, cache-control, amz-sdk-invocation-id, amz-sdk-request';

export interface HttpOptions {
  /** requests per second before TooManyRequestsException (0 = unlimited) */
  requestsPerSecond: number;
  /** called after every request that changed state; schedules the state file write (index.ts: one write per window) */
  persist?: () => void;
  log?: (line: string) => void;
  /** operations answered as unknown (see LocalPoolOptions.withoutOperations) */
  withoutOperations?: ReadonlySet<string>;
  /** TEST ONLY: answers held back on request (response-hold.ts) */
  holds?: ResponseHolds;
}

function baseHeaders(ctx: ServerContext): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': EXPOSED,
    Date: new Date(ctx.now()).toUTCString(),
    'x-amzn-RequestId': randomUUID(),
  };
}

function send(res: ServerResponse, ctx: ServerContext, status: number, body: unknown, extra: Record<string, string> = {}, type = 'application/x-amz-json-1.1'): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...baseHeaders(ctx), 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(text)), ...extra });
  res.end(text);
}

function sendError(res: ServerResponse, ctx: ServerContext, err: PoolError): void {
  const headerMsg = err.message.replace(/[^\x20-\x7e]/g, '?');
  send(res, ctx, err.status, { __type: err.type, message: err.message }, { 'x-amzn-ErrorType': `${err.type}:`, 'x-amzn-ErrorMessage': headerMsg });
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Path segments, percent-decoded; null when a segment is not valid percent-encoded UTF-8 ("/%", "/%E0%A4%A"). */
export function pathSegments(path: string): string[] | null {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    try {
      out.push(decodeURIComponent(raw));
    } catch {
      return null;
    }
  }
  return out;
}

function signedRegion(auth: string | undefined): string | undefined {
  return auth ? /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(auth)?.[1] : undefined;
}

export function createPoolServer(ctx: ServerContext, opts: HttpOptions): Server {
  let windowStart = 0;
  let windowCount = 0;

  async function handlePost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === 'too-large')
      return sendError(res, ctx, new PoolError('RequestEntityTooLargeException', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413));
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const r = opts.withoutOperations?.has(operation) ? undefined : route(operation);
    if (!r) return sendError(res, ctx, new PoolError('UnknownOperationException', operation ? `Unknown operation ${operation}` : 'Missing or malformed X-Amz-Target header'));
    const ctype = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (ctype !== 'application/x-amz-json-1.1' && ctype !== 'application/x-amz-json-1.0' && ctype !== 'application/json')
      return sendError(res, ctx, new PoolError('SerializationException', `Unsupported Content-Type ${JSON.stringify(ctype)}: use application/x-amz-json-1.1`));
    const now = ctx.now();
    if (opts.requestsPerSecond > 0) {
      if (now - windowStart >= 1000) {
        windowStart = now;
        windowCount = 0;
      }
      if (++windowCount > opts.requestsPerSecond) return sendError(res, ctx, new PoolError('TooManyRequestsException', 'Rate exceeded'));
    }
    let text: string;
    try {
      text = UTF8.decode(body);
    } catch {
      return sendError(res, ctx, new PoolError('SerializationException', 'Request body is not valid UTF-8'));
    }
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? {} : JSON.parse(text);
    } catch {
      return sendError(res, ctx, new PoolError('SerializationException', 'Request body is not valid JSON'));
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return sendError(res, ctx, new PoolError('SerializationException', 'Request body must be a JSON object'));
    if (nestingDepth(parsed) > MAX_JSON_DEPTH)
      return sendError(res, ctx, new PoolError('SerializationException', `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`));
    // WAF looks at the request before Cognito does
    checkWebAcl(ctx, operation, parsed as Record<string, unknown>, req.socket.remoteAddress ?? '127.0.0.1');
    const authorization = req.headers.authorization;
    if (r.admin && !authorization)
      return sendError(res, ctx, new PoolError('MissingAuthenticationTokenException', `${operation} needs a SigV4 Authorization header (any credentials are accepted locally)`));
    checkContextMembers(operation, parsed as Record<string, unknown>);
    const info: RequestInfo = {
      operation,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      signedRegion: signedRegion(authorization),
      signed: !!authorization,
    };
    const result = await r.handler(ctx, parsed as Record<string, unknown>, info);
    await opts.holds?.gate(operation, parsed as Record<string, unknown>);
    send(res, ctx, 200, result);
  }

  // async: whatever it throws becomes a rejected promise that done() answers, never a crash
  async function handleGet(_req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const parts = pathSegments(path);
    if (!parts) return sendError(res, ctx, new PoolError('InvalidParameterException', 'The request path is not valid percent-encoded UTF-8'));
    if (parts[0] === '_local' && parts[1] === 'health' && parts.length === 2) return send(res, ctx, 200, { ok: true }, {}, 'application/json');
    if (parts[0] === '_local' && parts[1] === 'codes' && parts.length === 4) {
      const [, , poolId, username] = parts as [string, string, string, string];
      const pool = ctx.state.pools[poolId];
      const key = pool ? Object.keys(pool.users).find((k) => pool.users[k]!.username === username || k === username.toLowerCase()) : undefined;
      const code = pool && key ? pool.codes[key] : undefined;
      if (!code) return send(res, ctx, 404, { message: `no code recorded for ${username} in ${poolId}` }, {}, 'application/json');
      return send(res, ctx, 200, { poolId, username, ...code }, {}, 'application/json');
    }
    if (parts.length === 3 && parts[1] === '.well-known') {
      const pool = ctx.state.pools[parts[0]!];
      if (!pool) return send(res, ctx, 404, { __type: 'ResourceNotFoundException', message: `User pool ${parts[0]} does not exist.` }, {}, 'application/json');
      if (parts[2] === 'jwks.json') return send(res, ctx, 200, { keys: [pool.signingKey.publicJwk] }, {}, 'application/json');
      if (parts[2] === 'openid-configuration') {
        const iss = issuerOf(ctx, pool);
        return send(res, ctx, 200, { issuer: iss, jwks_uri: `${ctx.origin()}/${pool.id}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] }, {}, 'application/json');
      }
    }
    send(res, ctx, 404, { message: 'Not found' }, {}, 'application/json');
  }

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const done = (p: Promise<void> | void) =>
      Promise.resolve(p)
        .catch((e: unknown) => {
          if (e instanceof PoolError) return sendError(res, ctx, e);
          opts.log?.(`internal error in ${req.method} ${path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          sendError(res, ctx, new PoolError('InternalErrorException', 'Internal server error'));
        })
        .finally(() => {
          try {
            opts.persist?.();
          } catch (e) {
            opts.log?.(`could not persist state: ${e instanceof Error ? e.message : String(e)}`);
          }
        });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...baseHeaders(ctx),
        'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
        'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS),
        'Access-Control-Max-Age': '86400',
        'Content-Length': '0',
      });
      res.end();
      return;
    }
    if (opts.holds?.serves(req.method, path)) return void done(opts.holds.serve(req, path, (status, body) => send(res, ctx, status, body, {}, 'application/json')));
    if (req.method === 'GET') return void done(handleGet(req, res, path));
    if (req.method === 'POST' && path === '/') return void done(handlePost(req, res));
    send(res, ctx, req.method === 'POST' ? 404 : 405, { message: `${req.method} ${path} is not served` }, {}, 'application/json');
  });
}
