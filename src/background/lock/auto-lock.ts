// Auto-lock: one alarm, re-created (which replaces it) on every request from the extension's
// pages, so it fires only after `autoLockMinutes` without use. The `idle` API, where present,
// also locks when the screen locks or the machine is idle for as long.
import type { Settings } from '../../shared/requests';

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
  setIdleDetection(idle, settings);
}

/**
 * Makes the browser report 'idle' after as long as the auto-lock delay. The interval is the
 * browser's state, not the extension's storage: it is set again whenever a worker starts.
 */
export function setIdleDetection(idle: IdleApi | undefined, settings: Settings): void {
  // The idle API accepts at least 15 seconds; 0 (auto-lock off) leaves the browser's default,
  // and onIdleStateChanged ignores 'idle' then.
  if (settings.autoLockMinutes > 0) idle?.setDetectionInterval(Math.max(15, settings.autoLockMinutes * 60));
}

export async function disarmAutoLock(alarms: AlarmsApi): Promise<void> {
  await alarms.clear(AUTO_LOCK_ALARM);
}
