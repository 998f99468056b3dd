/**
 * A fault-injection HTTP server for transport tests: it answers each request with the next
 * scripted reply (status, headers, raw body, or "hang" to never answer), and records what it
 * received byte for byte. It knows nothing about Cognito; it is not a Cognito mock.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Raw body; objects are JSON-encoded. */
  body?: string | object;
  /** A `Date` header this far (ms) from the server's clock when it answers, as a skewed server would send. */
  dateOffsetMs?: number;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Read the whole request, then close the connection without a byte of answer. */
  drop?: boolean;
  /**
   * Answer 200 and then send this chunk of body again and again, for as long as the client
   * reads (an endless body). Without a Content-Length, so only the client's cap stops it.
   */
  endless?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Header names and values exactly as sent, in order. */
  rawHeaders: string[];
  body: string;
}

export interface ScriptedServer {
  endpoint: string;
  requests: RecordedRequest[];
  /** Body bytes handed to the sockets of `endless` replies so far. */
  endlessBytesSent(): number;
  /** Resolves once the client has closed the connection of an `endless` reply. */
  endlessClosed: Promise<void>;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0. Once the script is used up, the last reply repeats. */
export async function startScriptedServer(script: ScriptedReply[]): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  let endlessBytes = 0;
  let endlessGone!: () => void;
  const endlessClosed = new Promise<void>((resolve) => (endlessGone = resolve));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const scripted = script[Math.min(requests.length - 1, script.length - 1)] ?? { status: 500 };
      const reply = scripted.dateOffsetMs === undefined ? scripted
        : { ...scripted, headers: { ...scripted.headers, Date: new Date(Date.now() + scripted.dateOffsetMs).toUTCString() } };
      if (reply.hang) return;
      if (reply.drop) {
        req.socket.destroy();
        return;
      }
      if (reply.endless !== undefined) {
        const chunk = Buffer.from(reply.endless);
        res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/x-amz-json-1.1', ...reply.headers });
        res.on('close', () => endlessGone());
        // Write while the socket takes it, then wait for it to drain: the server never ends.
        const pump = (): void => {
          while (!res.destroyed) {
            endlessBytes += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
        };
        pump();
        return;
      }
      const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/x-amz-json-1.1', ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    requests,
    endlessBytesSent: () => endlessBytes,
    endlessClosed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
