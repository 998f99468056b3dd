// Background entry (Chrome MV3 service worker / Firefox event page). Every listener is
// registered synchronously at the top level, as MV3 requires for the browser to wake the worker
// for the event, and returns the promise of its work (eventWork: Firefox would otherwise suspend
// the event page with the work half done). No state lives in globals: the context only holds handles to storage-backed
// services, so a worker stopped and restarted at any point carries on from storage.
import browser from 'webextension-polyfill';
import { createContext } from './context';
import type { LockStateEvent } from '../shared/events';
import type { IdleState } from './lock/lock-service';
import { handleMessage, isOwnPage } from './router';
import { handleContentMessage } from './fill/content-router';
import { FILL_MENU_ID } from './fill/page-scripts';
import { documentClipboardClearer, offscreenClipboardClearer, type ClipboardClearer } from './clipboard-clear';
import { approvalSignals } from './page-watch/approval-signals';
import { listenForSignIns } from './page-watch/listeners';
import { browserStores } from './storage';
import { onWorkerStart } from './worker-start';
import { eventWork } from './event-work';
import { openWelcomeOnInstall } from './welcome-on-install';

const ctx = createContext({
  stores: browserStores(browser),
  alarms: browser.alarms,
  // Absent on some platforms (Firefox for Android).
  ...(browser.idle ? { idle: browser.idle } : {}),
  permissions: browser.permissions,
  // The polyfill's namespaces satisfy the narrow ports (PagesApi, ScriptingPort, MenusPort, TabsPort) as they are.
  pages: { tabs: browser.tabs, scripting: browser.scripting },
  badgeApi: browser.action,
  translate: (key, substitutions) => browser.i18n.getMessage(key, substitutions),
  // Every open page hears it; with none open the browser rejects ("Receiving end does not
  // exist"), which is fine: a page opened later asks for the status when it loads. Not awaited:
  // pages send no answer, and the lock must not wait on them.
  announceLock: async (locked) => {
    const event: LockStateEvent = { event: 'lock-state', locked };
    browser.runtime.sendMessage(event).catch(() => {});
  },
  // Code fill (issue 9): the content script's registration, the menu entry, the frames.
  scripting: browser.scripting,
  menus: browser.contextMenus,
  tabs: browser.tabs,
  extensionId: browser.runtime.id,
  approvalSignals: approvalSignals({
    // ctx exists by the time it is called.
    badge: () => ctx.badge,
    // Optional permission: the namespace is there only once the person granted it.
    notifications: () => browser.notifications,
    message: (key, substitutions) => browser.i18n.getMessage(key, substitutions),
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
  }),
});

const self = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('') };

// How this browser's background reaches the clipboard (clipboard-clear.ts): Chromium's
// offscreen documents, else (Firefox) this event page's own navigator.clipboard.
const chromeApi = (globalThis as { chrome?: { offscreen?: unknown } }).chrome;
const clipboardClearer: ClipboardClearer | undefined = chromeApi?.offscreen
  ? offscreenClipboardClearer(chromeApi as Parameters<typeof offscreenClipboardClearer>[0])
  : typeof navigator !== 'undefined' && navigator.clipboard ? documentClipboardClearer(navigator.clipboard) : undefined;

// The extension's own pages get the request router; a content script (a page's frame) gets only
// the code-fill question, answered by the frame's own binding (fill/content-router.ts).
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) =>
  isOwnPage(sender, self) ? handleMessage(message, sender, self, ctx) : handleContentMessage(message, sender, self, ctx));

// "Fill code" on an editable field of a bound site (shown only there: page-scripts.ts). Created at
// install and start-up; the browser keeps it, so a second create only fails with a duplicate id.
const createFillMenu = () => browser.contextMenus.removeAll()
  .then(() => browser.contextMenus.create({ id: FILL_MENU_ID, title: browser.i18n.getMessage('fillCodeMenu'), contexts: ['editable'], visible: false }))
  .then(() => ctx.pageScripts.sync());
browser.runtime.onInstalled.addListener(eventWork(createFillMenu));
browser.runtime.onStartup.addListener(eventWork(createFillMenu));
browser.contextMenus.onClicked.addListener(eventWork(async (info: browser.Menus.OnClickData, tab?: browser.Tabs.Tab) => {
  if (info.menuItemId !== FILL_MENU_ID || tab?.id === undefined || info.frameId === undefined) return;
  // The frame the person clicked in, as the browser reports it: that frame's own origin must be bound.
  const url = info.frameUrl ?? (info.frameId === 0 ? info.pageUrl : undefined);
  if (url === undefined) return;
  await ctx.fill.fillByGesture({ tabId: tab.id, frame: { frameId: info.frameId, url }, target: 'focused' });
}));
// The keyboard command (manifest "commands"; shown and changeable in the browser's shortcuts page).
browser.commands.onCommand.addListener(eventWork(async (command: string, tab?: browser.Tabs.Tab) => {
  if (command !== 'fill-code') return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId !== undefined) await ctx.fill.fillByGesture({ tabId, target: 'found' });
}));
// A host permission granted or revoked in the browser's own settings changes where the script runs.
browser.permissions.onAdded.addListener(eventWork(() => ctx.pageScripts.sync()));
browser.permissions.onRemoved.addListener(eventWork(() => ctx.pageScripts.sync()));
browser.tabs.onRemoved.addListener(eventWork((tabId: number) => Promise.allSettled([ctx.fill.forgetTab(tabId), ctx.badge.forgetTab(tabId)])));
// A page load resets the tab's own badge in the browser: code fill's mark there is gone too.
browser.tabs.onUpdated.addListener(eventWork(async (tabId: number, change: browser.Tabs.OnUpdatedChangeInfoType) => {
  if (change.status === 'loading') await ctx.badge.forgetTab(tabId);
}));

// No window to open it in (a headless start) fails quietly: the popup's first view creates the vault too.
browser.runtime.onInstalled.addListener(eventWork((details: browser.Runtime.OnInstalledDetailsType) => openWelcomeOnInstall(details.reason, {
  getURL: (path) => browser.runtime.getURL(path),
  createTab: (props) => browser.tabs.create(props),
})));

// A refresh that cannot run (vault locked, account gone, token revoked) is simply skipped: the next
// sign-in gets fresh tokens; a failed one keeps its reason with the tokens (refresh-scheduler.ts).
browser.alarms.onAlarm.addListener(eventWork(async (alarm: browser.Alarms.Alarm) => {
  if (await ctx.lock.onAlarm(alarm.name)) return;
  // A refused write (Firefox without clipboardWrite) leaves the clipboard as it is.
  if (await ctx.clipboard.onAlarm(alarm.name, clipboardClearer).catch(() => true)) return;
  await ctx.agent.onAlarm(alarm.name);
}));

// A worker (re)started while the vault is unlocked sets the idle interval and the refresh alarms
// again (the browser does not promise to keep them); locked, unlock does it.
onWorkerStart(ctx).catch(() => {
  // Nothing to report to: list-accounts names unreadable records when a page asks.
});

// Sign-in observation (optional `webRequest`): listened for now if granted, else once the person
// grants it; tabs closing or leaving their origin drop what was seen in them.
listenForSignIns(browser, ctx.pageWatch.observer);

browser.idle?.onStateChanged.addListener(eventWork((state: IdleState) => ctx.lock.onIdleStateChanged(state)));
