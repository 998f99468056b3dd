// Everything a request handler may use, built once per worker start (service-worker.ts) or per
// test. Holds no state of its own that must outlive the worker: all of it lives in storage.
import { AccountStore } from './accounts/store';
import { Badge, type BadgeApi, type Translate } from './badge';
import { ClipboardClearSchedule } from './clipboard-clear';
import { Agent } from './agent/agent';
import type { EngineDepsFactory } from './agent/engine-deps';
import { FlowStore } from './agent/flow-store';
import type { AlarmsApi, IdleApi } from './lock/auto-lock';
import { LockService, type LockAnnouncer } from './lock/lock-service';
import type { ApprovalSignals } from './page-watch/page-approvals';
import { PageWatch } from './page-watch/page-watch';
import type { PermissionsApi } from './permissions';
import type { PagesApi } from './page-session/tab-sessions';
import { ServerClockStore } from './server-clocks';
import { SettingsStore } from './settings';
import { AccountOrderStore } from './account-order';
import { SiteBindings } from './sites/site-bindings';
import { CodeFill, type TabsPort } from './fill/code-fill';
import { HostGrants, patternsDropped } from './sites/host-grants';
import { PageScripts, type MenusPort, type ScriptingPort } from './fill/page-scripts';
import { UsedSteps } from './fill/used-steps';
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
  /** browser.action, for the toolbar badge (absent: the badge's state is kept but not drawn). */
  badgeApi?: BadgeApi;
  /** browser.i18n.getMessage, for the badge's title; default: the message key itself. */
  translate?: Translate;
  // Code fill's browser APIs (absent in node tests that do not drive pages).
  scripting?: ScriptingPort;
  menus?: MenusPort;
  tabs?: TabsPort;
  /** runtime.id: the only sender whose content-script messages are read. */
  extensionId?: string;
  /** Notification and badge of page approvals (service-worker.ts); quiet in tests. */
  approvalSignals?: ApprovalSignals;
}

export interface Context {
  stores: Stores;
  vault: Vault;
  accounts: AccountStore;
  settings: SettingsStore;
  /** The popup's pins and order of the accounts (ids only). */
  accountOrder: AccountOrderStore;
  /** The clock offset of each Cognito endpoint. */
  clocks: ServerClockStore;
  badge: Badge;
  /** Empties the clipboard after a copy, when the person chose a delay. */
  clipboard: ClipboardClearSchedule;
  lock: LockService;
  agent: Agent;
  /** The accounts' site bindings (issue 9). */
  sites: SiteBindings;
  /** Code fill's decisions, and the content script's registration for the bound sites. */
  fill: CodeFill;
  pageScripts: PageScripts;
  /** Sign-in observation and page approvals (issue 9 item 5). */
  pageWatch: PageWatch;
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
  const badge = new Badge(ports.stores.session, ports.badgeApi, ports.translate ?? ((key) => key));
  const usedSteps = new UsedSteps(ports.stores.session);
  const agent = new Agent({
    accounts, flows, settings, clocks, badge, permissions: ports.permissions, alarms: ports.alarms, now, usedSteps, session: ports.stores.session,
    ...(ports.pages ? { pages: ports.pages } : {}),
    ...(ports.makeDeps ? { makeDeps: ports.makeDeps } : {}),
  });
  const sites = new SiteBindings(accounts, ports.permissions);
  const pageScripts = new PageScripts(sites, ports.scripting, ports.menus);
  const hostGrants = new HostGrants(accounts, ports.permissions);
  // The content script follows the bindings (a failure, e.g. while locked, is retried at the next
  // sync), and a host permission that a removed binding or endpoint leaves unused is given back.
  accounts.onPlacesChanged(async (changes) => {
    await pageScripts.sync().catch(() => undefined);
    await hostGrants.releaseUnused(changes.flatMap(({ before, after }) => patternsDropped(before, after)));
  });
  const pageWatch = new PageWatch(ports.stores.session, accounts, ports.approvalSignals, now);
  const fill = new CodeFill({
    sites, clocks, settings, used: usedSteps, session: ports.stores.session, now, extensionId: () => ports.extensionId,
    narrowers: [pageWatch.narrower], approvalGate: (tabId, origin, accountId) => pageWatch.fillGate(tabId, origin, accountId),
    badge, ...(ports.tabs ? { tabs: ports.tabs } : {}),
  });
  return {
    stores: ports.stores, vault, accounts, settings, clocks, badge, agent, now, sites, fill, pageScripts,
    pageWatch,
    accountOrder: new AccountOrderStore(ports.stores.local),
    clipboard: new ClipboardClearSchedule(ports.alarms, settings, now),
    // A lock deletes every flow (they are encrypted with the vault key): none waits for approval any more.
    lock: new LockService(vault, settings, ports.alarms, ports.idle, async (locked) => {
      if (locked) await badge.set('approval', []);
      await ports.announceLock?.(locked);
    }),
    permissions: ports.permissions,
  };
}
