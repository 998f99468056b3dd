// Everything a request handler may use, built once per worker start (service-worker.ts) or per
// test. Holds no state of its own that must outlive the worker: all of it lives in storage.
import { AccountStore } from './accounts/store';
import { Agent } from './agent/agent';
import type { EngineDepsFactory } from './agent/engine-deps';
import { FlowStore } from './agent/flow-store';
import type { AlarmsApi, IdleApi } from './lock/auto-lock';
import { LockService, type LockAnnouncer } from './lock/lock-service';
import type { PermissionsApi } from './permissions';
import type { PagesApi } from './page-session/tab-sessions';
import { ServerClockStore } from './server-clocks';
import { SettingsStore } from './settings';
import type { Stores } from './storage';
import { Vault } from './vault/vault';

export interface BrowserPorts {
  stores: Stores;
  alarms: AlarmsApi;
  idle?: IdleApi;
  permissions: PermissionsApi;
  /** tabs + scripting ("Sign in this tab"); absent in node tests that do not need pages. */
  pages?: PagesApi;
  /** Tests route the real requests through their own fetch; default: engine-deps.ts. */
  makeDeps?: EngineDepsFactory;
  now?: () => number;
  /** Broadcasts lock/unlock to the open pages (service-worker.ts: runtime.sendMessage). */
  announceLock?: LockAnnouncer;
}

export interface Context {
  stores: Stores;
  vault: Vault;
  accounts: AccountStore;
  settings: SettingsStore;
  /** The clock offset of each Cognito endpoint. */
  clocks: ServerClockStore;
  lock: LockService;
  agent: Agent;
  permissions: PermissionsApi;
  now: () => number;
}

export function createContext(ports: BrowserPorts): Context {
  const now = ports.now ?? Date.now;
  const vault = new Vault(ports.stores);
  const accounts = new AccountStore(vault);
  const settings = new SettingsStore(ports.stores.local);
  const clocks = new ServerClockStore(ports.stores.local);
  const flows = new FlowStore(vault);
  const agent = new Agent({
    accounts, flows, settings, clocks, permissions: ports.permissions, alarms: ports.alarms, now, session: ports.stores.session,
    ...(ports.pages ? { pages: ports.pages } : {}),
    ...(ports.makeDeps ? { makeDeps: ports.makeDeps } : {}),
  });
  return {
    stores: ports.stores, vault, accounts, settings, clocks, agent, now,
    lock: new LockService(vault, settings, ports.alarms, ports.idle, ports.announceLock),
    permissions: ports.permissions,
  };
}
