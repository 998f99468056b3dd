// Auto-lock: one alarm, re-created (which replaces it) on every request from the extension's
// pages, so it fires only after `autoLockMinutes` without use. The `idle` API, where present,
// also locks when the screen locks or the machine is idle for as long.
import type { Settings } from '../../shared/messages';

export const AUTO_LOCK_ALARM = 'auto-lock';

export interface AlarmsApi {
  create(name: string, info: { delayInMinutes?: number; when?: number }): void | Promise<void>;
  clear(name: string): Promise<boolean>;
}
export interface IdleApi {
  setDetectionInterval(seconds: number): void;
}

export async function armAutoLock(alarms: AlarmsApi, idle: IdleApi | undefined, settings: Settings): Promise<void> {
  if (settings.autoLockMinutes <= 0) {
    await alarms.clear(AUTO_LOCK_ALARM);
    return;
  }
  await alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: settings.autoLockMinutes });
  // The idle API accepts at least 15 seconds.
  idle?.setDetectionInterval(Math.max(15, settings.autoLockMinutes * 60));
}

export async function disarmAutoLock(alarms: AlarmsApi): Promise<void> {
  await alarms.clear(AUTO_LOCK_ALARM);
}
