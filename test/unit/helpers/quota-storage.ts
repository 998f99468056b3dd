// storage.local with Chrome's quota semantics, for tests of what a full storage area does. The
// extension asks for no "unlimitedStorage" (manifest.json), so Chrome gives storage.local
// QUOTA_BYTES = 10 485 760, counted per item as the key's bytes plus the bytes of the value's
// JSON (extensions/browser/api/storage/settings_storage_quota_enforcer.cc), and refuses a set
// whose items would pass it as a whole: nothing of that set is written. The error is Chrome's.
// test/e2e/import-quota.test.ts checks the same against real Chromium.
import { MemoryStorageArea } from '../../background/background-helpers';

export const CHROME_LOCAL_QUOTA_BYTES = 10_485_760;

const bytes = (key: string, json: string) => Buffer.byteLength(key) + Buffer.byteLength(json);

export class QuotaStorageArea extends MemoryStorageArea {
  constructor(readonly quotaBytes = CHROME_LOCAL_QUOTA_BYTES) {
    super();
  }

  bytesInUse(): number {
    let total = 0;
    for (const [k, v] of this.data) total += bytes(k, v);
    return total;
  }

  override async set(items: Record<string, unknown>): Promise<void> {
    let total = this.bytesInUse();
    for (const [k, v] of Object.entries(items)) {
      const old = this.data.get(k);
      total += bytes(k, JSON.stringify(v)) - (old === undefined ? 0 : bytes(k, old));
    }
    if (total > this.quotaBytes) throw new Error('Resource::kQuotaBytes quota exceeded');
    await super.set(items);
  }
}
