// A worker's storage that the browser can kill: the one model of "the worker was stopped here"
// for the background suites. Each test chooses when it dies (its kill rule); once dead, every
// call throws and changes nothing, as the worker's process is gone.
import type { StorageArea, Stores } from '../../src/background/storage';

/** Thrown by a killed storage: the process is gone, nothing after it runs. */
export class Killed extends Error {}

export interface KillRule {
  /**
   * Dies at this write (0-based; sets and removes of either area counted): that write and every
   * later call throw. A write is all-or-nothing, as a storage set is in the browser.
   * Without it, only `kill()` ends the storage.
   */
  atWrite?: number;
}

export type KillableStores = Stores & {
  /** Kills the storage now (the browser stops the worker from outside). */
  kill(): void;
  killed(): boolean;
  /** The writes that went through before the kill. */
  writes(): number;
};

export function killableStores(base: Stores, rule: KillRule = {}): KillableStores {
  let writes = 0;
  let dead = false;
  const alive = () => {
    if (dead) throw new Killed('this worker was stopped');
  };
  const write = () => {
    alive();
    if (rule.atWrite !== undefined && writes >= rule.atWrite) {
      dead = true;
      throw new Killed(`killed at write ${rule.atWrite}`);
    }
    writes += 1;
  };
  const wrap = (area: StorageArea): StorageArea => ({
    get: async (keys) => { alive(); return area.get(keys); },
    set: async (items) => { write(); await area.set(items); },
    remove: async (keys) => { write(); await area.remove(keys); },
  });
  return {
    local: wrap(base.local), session: wrap(base.session),
    kill: () => { dead = true; }, killed: () => dead, writes: () => writes,
  };
}
