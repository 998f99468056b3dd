// Setup, unlock, lock and the automatic locks. The vault does the cryptography; this module
// ties it to the alarms and idle events, and tells the open pages (`announce`: a lock-state
// broadcast) after every lock and unlock, whichever path caused it, so they follow it live.
import type { Settings } from '../../shared/requests';
import type { SettingsStore } from '../settings';
import type { Vault } from '../vault/vault';
import { AUTO_LOCK_ALARM, armAutoLock, disarmAutoLock, setIdleDetection, type AlarmsApi, type IdleApi } from './auto-lock';

export type IdleState = 'active' | 'idle' | 'locked';

/** Tells the open pages the vault's new state; must not throw (no page open is normal). */
export type LockAnnouncer = (locked: boolean) => Promise<void>;

export class LockService {
  constructor(
    private readonly vault: Vault,
    private readonly settings: SettingsStore,
    private readonly alarms: AlarmsApi,
    private readonly idle?: IdleApi,
    private readonly announce: LockAnnouncer = async () => {},
  ) {}

  async setup(password: string): Promise<void> {
    await this.vault.create(password);
    await armAutoLock(this.alarms, this.idle, await this.settings.get());
    await this.announce(false);
  }

  async unlock(password: string): Promise<void> {
    await this.vault.unlock(password);
    await armAutoLock(this.alarms, this.idle, await this.settings.get());
    await this.announce(false);
  }

  async lock(): Promise<void> {
    await this.vault.lock();
    // Before anything else can fail: the key is gone, the pages must drop what they show.
    await this.announce(true);
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
