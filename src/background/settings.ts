// Non-secret settings, kept in plain storage.local so they can be read while the vault is locked
// (the auto-lock delay is needed exactly then). A stored value that fails validation is ignored
// in favour of the defaults, and left in place until the person saves new settings.
import * as v from 'valibot';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../shared/requests';
import type { StorageArea } from './storage';

const SETTINGS_KEY = 'settings';
/**
 * Members older builds stored that are no longer settings. `clockOffsetMs` was one offset for
 * every account, learnt from whichever endpoint answered last (even with an error) and allowed
 * up to ±24 h. It is dropped, not moved to an endpoint: which server it came from is not known,
 * so giving it to any one would repeat the fault. Each endpoint's next well-formed answer
 * teaches its own offset (./server-clocks.ts). Dropped on read, so the rest of the stored
 * settings stays valid; gone from storage at the next save.
 */
const RETIRED_KEYS: readonly string[] = ['clockOffsetMs'];

export class SettingsStore {
  constructor(private readonly local: StorageArea) {}

  async get(): Promise<Settings> {
    const raw = withoutRetiredKeys((await this.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    const parsed = v.safeParse(SettingsSchema, raw);
    return parsed.success ? parsed.output : structuredClone(DEFAULT_SETTINGS);
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...(await this.get()), ...patch };
    await this.local.set({ [SETTINGS_KEY]: next });
    return next;
  }
}

function withoutRetiredKeys(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const key of RETIRED_KEYS) delete copy[key];
  return copy;
}
