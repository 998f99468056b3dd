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
  /** Never answer (the client must time out). */
  hang?: boolean;
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
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0. Once the script is used up, the last reply repeats. */
export async function startScriptedServer(script: ScriptedReply[]): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
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
      const reply = script[Math.min(requests.length - 1, script.length - 1)] ?? { status: 500 };
      if (reply.hang) return;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
