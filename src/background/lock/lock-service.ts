// Setup, unlock, lock and the automatic locks. The vault does the cryptography; this module
// ties it to the alarms and idle events.
import type { Settings } from '../../shared/messages';
import type { SettingsStore } from '../settings';
import type { Vault } from '../vault/vault';
import { AUTO_LOCK_ALARM, armAutoLock, disarmAutoLock, setIdleDetection, type AlarmsApi, type IdleApi } from './auto-lock';

export type IdleState = 'active' | 'idle' | 'locked';

export class LockService {
  constructor(
    private readonly vault: Vault,
    private readonly settings: SettingsStore,
    private readonly alarms: AlarmsApi,
    private readonly idle?: IdleApi,
  ) {}

  async setup(password: string): Promise<void> {
    await this.vault.create(password);
    await armAutoLock(this.alarms, this.idle, await this.settings.get());
  }

  async unlock(password: string): Promise<void> {
    await this.vault.unlock(password);
    await armAutoLock(this.alarms, this.idle, await this.settings.get());
  }

  async lock(): Promise<void> {
    await this.vault.lock();
    await disarmAutoLock(this.alarms);
  }

  /** A page used the extension: push the auto-lock back (only while unlocked). */
  async touch(settings?: Settings): Promise<void> {
    if (!(await this.vault.isUnlocked())) return;
    await armAutoLock(this.alarms, this.idle, settings ?? (await this.settings.get()));
  }

  /**
   * A worker (re)started: while unlocked, the idle interval is set again (the auto-lock alarm is
   * kept as it is; re-arming it here would push the lock back on every wake-up).
   */
  async resumeAfterWorkerStart(): Promise<void> {
    if (!(await this.vault.isUnlocked())) return;
    setIdleDetection(this.idle, await this.settings.get());
  }

  /** Returns true when the alarm was ours. */
  async onAlarm(name: string): Promise<boolean> {
    if (name !== AUTO_LOCK_ALARM) return false;
    await this.lock();
    return true;
  }

  async onIdleStateChanged(state: IdleState): Promise<void> {
    if (state === 'locked') return this.lock();
    // 'idle' is reported after the detection interval set from autoLockMinutes; 0 means off.
    if (state === 'idle' && (await this.settings.get()).autoLockMinutes > 0) return this.lock();
  }
}
