// Test doubles of the BROWSER APIs the background uses (storage areas, alarms, permissions):
// in-memory, with the same JSON round trip the real storage applies. Cognito is never faked.
import { afterEach, expect } from 'vitest';
import type { StorageArea, Stores } from '../../src/background/storage';
import type { AlarmsApi, IdleApi } from '../../src/background/lock/auto-lock';
import { createContext } from '../../src/background/context';
import { handleMessage, type SenderInfo } from '../../src/background/router';
import { cognitoEngineDeps } from '../../src/background/agent/engine-deps';
import type { EngineDepsFactory } from '../../src/background/agent/engine-deps';
import { startScriptedServer, type ScriptedServer } from '../unit/helpers/scripted-http-server';

export class MemoryStorageArea implements StorageArea {
  readonly data = new Map<string, string>();
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of wanted) {
      const v = this.data.get(k);
      if (v !== undefined) out[k] = JSON.parse(v);
    }
    return out;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    // Values are stored serialised, as the browser does: nothing live can leak through.
    for (const [k, v] of Object.entries(items)) this.data.set(k, JSON.stringify(v));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
  /** Every stored byte, for scanning for plaintext secrets. */
  dump(): string {
    return [...this.data.entries()].map(([k, v]) => `${k}=${v}`).join('\n');
  }
}

export function memoryStores(): Stores & { local: MemoryStorageArea; session: MemoryStorageArea } {
  return { local: new MemoryStorageArea(), session: new MemoryStorageArea() };
}

/** No secret may be in any storage area in clear (values shorter than 8 would match by chance). */
export function expectNoPlaintext(stores: ReturnType<typeof memoryStores>, secrets: (string | undefined)[]): void {
  const everything = `${stores.local.dump()}\n${stores.session.dump()}`;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 8) continue;
    expect(everything.includes(secret), `a secret (${secret.length} chars) is stored in clear`).toBe(false);
  }
}

export class RecordingAlarms implements AlarmsApi {
  readonly alarms = new Map<string, { delayInMinutes?: number; when?: number }>();
  create(name: string, info: { delayInMinutes?: number; when?: number }): void {
    this.alarms.set(name, info);
  }
  async clear(name: string): Promise<boolean> {
    return this.alarms.delete(name);
  }
}

/** The idle API's detection interval, as the browser would hold it (null: never set). */
export class RecordingIdle implements IdleApi {
  intervalSeconds: number | null = null;
  setDetectionInterval(seconds: number): void {
    this.intervalSeconds = seconds;
  }
}

export const allowAllPermissions = { contains: async () => true };

/** The extension's identity and its popup as a sender, for driving the router. */
export const SELF = { id: 'ext-id', baseUrl: 'chrome-extension://ext-id/' };
export const POPUP = { id: 'ext-id', url: 'chrome-extension://ext-id/src/popup/popup.html' };

/**
 * One background worker over the given storage: a context as service-worker.ts builds it, with
 * the real engine. Building a second one over the same stores and alarms is a worker restart.
 */
export function startWorker(
  stores: Stores,
  opts: { alarms?: RecordingAlarms; idle?: IdleApi; makeDeps?: EngineDepsFactory; now?: () => number } = {},
) {
  const alarms = opts.alarms ?? new RecordingAlarms();
  const ctx = createContext({
    stores, alarms, permissions: allowAllPermissions, makeDeps: opts.makeDeps ?? cognitoEngineDeps,
    ...(opts.idle ? { idle: opts.idle } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  // Answers are loosely typed on purpose: tests read fields of every request type.
  const send = (msg: unknown, sender: SenderInfo = POPUP) => handleMessage(msg, sender, SELF, ctx) as Promise<any>;
  return { ctx, send, alarms };
}

/**
 * `scripted(...steps)` starts a scripted HTTP server (it knows nothing of Cognito) that is closed
 * after each test. Call once at the top of a test file.
 */
export function scriptedServers(): (...script: Parameters<typeof startScriptedServer>[0]) => Promise<ScriptedServer> {
  let servers: ScriptedServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  return async (...script) => {
    const server = await startScriptedServer(script);
    servers.push(server);
    return server;
  };
}
