// Test doubles of the BROWSER APIs the background uses (storage areas, alarms, permissions):
// in-memory, with the same JSON round trip the real storage applies. Cognito is never faked.
import type { StorageArea, Stores } from '../../src/background/storage';
import type { AlarmsApi } from '../../src/background/lock/auto-lock';

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

export class RecordingAlarms implements AlarmsApi {
  readonly alarms = new Map<string, { delayInMinutes?: number; when?: number }>();
  create(name: string, info: { delayInMinutes?: number; when?: number }): void {
    this.alarms.set(name, info);
  }
  async clear(name: string): Promise<boolean> {
    return this.alarms.delete(name);
  }
}

export const allowAllPermissions = { contains: async () => true };
