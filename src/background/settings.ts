// Non-secret settings, kept in plain storage.local so they can be read while the vault is locked
// (the auto-lock delay is needed exactly then). A stored value that fails validation is ignored
// in favour of the defaults, and left in place until the person saves new settings.
import * as v from 'valibot';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../shared/messages';
import type { StorageArea } from './storage';

const SETTINGS_KEY = 'settings';

export class SettingsStore {
  constructor(private readonly local: StorageArea) {}

  async get(): Promise<Settings> {
    const raw = (await this.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    const parsed = v.safeParse(SettingsSchema, raw);
    return parsed.success ? parsed.output : structuredClone(DEFAULT_SETTINGS);
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...(await this.get()), ...patch };
    await this.local.set({ [SETTINGS_KEY]: next });
    return next;
  }
}
