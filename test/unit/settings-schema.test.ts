// The settings schema (src/shared/requests.ts SettingsSchema, read by src/background/settings.ts):
// settings added after the first release have a default, so what an older build stored still
// reads as valid with its own values kept; a page can change one setting alone, and only to a
// value the schema lists.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { MemoryStorageArea } from '../background/background-helpers';
import { SettingsStore } from '../../src/background/settings';
import { CLIPBOARD_CLEAR_SECONDS, DEFAULT_SETTINGS, parseRequest, SettingsSchema, THEMES } from '../../src/shared/requests';
import { CLIPBOARD_CLEAR_ALARM, ClipboardClearSchedule } from '../../src/background/clipboard-clear';
import { RecordingAlarms } from '../background/background-helpers';

const OLDER_BUILD = { autoLockMinutes: 7, defaultPolicy: { autoAnswer: false, rememberDevice: true } };

describe('settings schema', () => {
  it('reads settings an older build stored, keeping their values and adding the theme default', async () => {
    const local = new MemoryStorageArea();
    await local.set({ settings: OLDER_BUILD });
    expect(await new SettingsStore(local).get()).toEqual({ ...OLDER_BUILD, theme: 'system', clipboardClearSeconds: 0 });
  });

  it('defaults to the system theme', () => {
    expect(DEFAULT_SETTINGS.theme).toBe('system');
    expect(v.parse(SettingsSchema, OLDER_BUILD).theme).toBe('system');
  });

  it('lets a page change the theme alone, to each listed theme, and stores it', async () => {
    const store = new SettingsStore(new MemoryStorageArea());
    for (const theme of THEMES) {
      const parsed = parseRequest({ type: 'set-settings', settings: { theme } });
      expect(parsed).toMatchObject({ ok: true });
      if (!parsed.ok || parsed.request.type !== 'set-settings') throw new Error('unreachable');
      // Only what the page sent: a partial update must not carry defaults for the other settings.
      expect(parsed.request.settings).toEqual({ theme });
      expect(await store.update(parsed.request.settings)).toEqual({ ...DEFAULT_SETTINGS, theme });
      expect((await store.get()).theme).toBe(theme);
    }
  });

  it('refuses a theme it does not list', () => {
    for (const theme of ['sepia', '', 'DARK', 1, null]) {
      expect(parseRequest({ type: 'set-settings', settings: { theme } }), String(theme)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('the clipboard delay is off by default, takes only the listed choices, and an alarm is armed only when on', async () => {
    expect(DEFAULT_SETTINGS.clipboardClearSeconds).toBe(0);
    for (const seconds of [15, -30, 30.5, '60', 3600]) {
      expect(parseRequest({ type: 'set-settings', settings: { clipboardClearSeconds: seconds } }), String(seconds)).toMatchObject({ ok: false });
    }
    const local = new MemoryStorageArea();
    const store = new SettingsStore(local);
    const alarms = new RecordingAlarms();
    const schedule = new ClipboardClearSchedule(alarms, store, () => 1_000_000);
    expect(await schedule.copied()).toEqual({});
    expect(alarms.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBeUndefined();
    for (const seconds of CLIPBOARD_CLEAR_SECONDS.filter((s) => s > 0)) {
      expect(seconds, 'Chrome fires alarms no sooner than 30 s').toBeGreaterThanOrEqual(30);
      await store.update({ clipboardClearSeconds: seconds });
      expect(await schedule.copied()).toEqual({ clearAt: 1_000_000 + seconds * 1000 });
      expect(alarms.alarms.get(CLIPBOARD_CLEAR_ALARM)?.when).toBe(1_000_000 + seconds * 1000);
    }
    let cleared = 0;
    expect(await schedule.onAlarm('something-else', { clear: async () => { cleared += 1; } })).toBe(false);
    expect(await schedule.onAlarm(CLIPBOARD_CLEAR_ALARM, { clear: async () => { cleared += 1; } })).toBe(true);
    expect(cleared).toBe(1);
  });
});
