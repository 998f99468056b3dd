// Background entry (Chrome MV3 service worker / Firefox event page). Every listener is
// registered synchronously at the top level, as MV3 requires for the browser to wake the worker
// for the event. No state lives in globals: the context only holds handles to storage-backed
// services, so a worker stopped and restarted at any point carries on from storage.
import browser from 'webextension-polyfill';
import { createContext } from './context';
import type { LockStateEvent } from '../shared/events';
import type { IdleState } from './lock/lock-service';
import { handleMessage } from './router';
import { browserStores } from './storage';
import { onWorkerStart } from './worker-start';

const ctx = createContext({
  stores: browserStores(browser),
  alarms: browser.alarms,
  // Absent on some platforms (Firefox for Android).
  ...(browser.idle ? { idle: browser.idle } : {}),
  permissions: browser.permissions,
  badgeApi: browser.action,
  translate: (key, substitutions) => browser.i18n.getMessage(key, substitutions),
  // Every open page hears it; with none open the browser rejects ("Receiving end does not
  // exist"), which is fine: a page opened later asks for the status when it loads. Not awaited:
  // pages send no answer, and the lock must not wait on them.
  announceLock: async (locked) => {
    const event: LockStateEvent = { event: 'lock-state', locked };
    browser.runtime.sendMessage(event).catch(() => {});
  },
});

const self = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('') };

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) =>
  handleMessage(message, sender, self, ctx));

browser.alarms.onAlarm.addListener((alarm: browser.Alarms.Alarm) => {
  void (async () => {
    if (await ctx.lock.onAlarm(alarm.name)) return;
    try {
      await ctx.agent.onAlarm(alarm.name);
    } catch {
      // A refresh that cannot run (vault locked, account gone, token revoked) is simply skipped:
      // the next sign-in gets fresh tokens. Nothing is logged, as details could name accounts.
    }
  })();
});

// A worker (re)started while the vault is unlocked sets the idle interval and the refresh alarms
// again (the browser does not promise to keep them); locked, unlock does it.
onWorkerStart(ctx).catch(() => {
  // Nothing to report to: list-accounts names unreadable records when a page asks.
});

browser.idle?.onStateChanged.addListener((state: IdleState) => {
  void ctx.lock.onIdleStateChanged(state);
});
