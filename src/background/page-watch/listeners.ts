// The browser events of sign-in observation, registered at the worker's top level (MV3 wakes the
// worker only for listeners added synchronously at start). `webRequest` is an optional permission
// (asked for when the person turns observation on for a site): its namespace is absent until
// granted, so the listener is added now if it is there, and again when the permission is added.
import type Browser from 'webextension-polyfill';
import { eventWork } from '../event-work';
import type { ObservedRequest, SignInObserver } from './sign-in-observer';

/** Only the page's fetch/XHR requests: Cognito's API is JSON over POST, never a navigation. */
const FILTER = { urls: ['https://*/*', 'http://*/*'], types: ['xmlhttprequest'] as Browser.WebRequest.ResourceType[] };

export function listenForSignIns(browser: typeof Browser, observer: SignInObserver): void {
  // Non-blocking (no 'blocking' in the options): the page's request goes on untouched, and the
  // promise returned only keeps Firefox's event page up until the sign-in is recorded.
  // It resolves to no change ({}), the only answer the type allows a returned promise.
  const record = eventWork((details: Browser.WebRequest.OnBeforeRequestDetailsType) => observer.onBeforeRequest(details as unknown as ObservedRequest));
  const onRequest = (details: Browser.WebRequest.OnBeforeRequestDetailsType) => record(details).then((): Browser.WebRequest.BlockingResponse => ({}));
  const listen = () => {
    const webRequest = browser.webRequest;
    if (!webRequest || webRequest.onBeforeRequest.hasListener(onRequest)) return;
    webRequest.onBeforeRequest.addListener(onRequest, FILTER, ['requestBody']);
  };
  listen();
  browser.permissions.onAdded.addListener(listen);
  browser.tabs.onRemoved.addListener(eventWork((tabId: number) => observer.onTabRemoved(tabId)));
  // A tab's URL is visible to the extension only on hosts it may access (it has no `tabs`
  // permission): a bound site's is (granted when bound). A page loading where the URL cannot be
  // seen is therefore another site, and what was seen in the tab is dropped.
  browser.tabs.onUpdated.addListener(eventWork(async (tabId: number, change: Browser.Tabs.OnUpdatedChangeInfoType, tab: Browser.Tabs.Tab) => {
    if (change.url === undefined && change.status !== 'loading') return;
    await observer.onTabUrl(tabId, change.url ?? tab.url ?? '');
  }));
}
