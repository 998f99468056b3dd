// The browser events of sign-in observation, registered at the worker's top level: a browser wakes
// a stopped worker only for listeners added synchronously at its start. That is why `webRequest`
// is held from install in both browsers. As an optional permission granted later, the listener
// could only be added when the grant came, and such a listener does not wake the worker: Firefox
// dropped the app's sign-in once its event page had been suspended after the grant (measured with
// page-enrol.test.ts), and Chromium (156) dispatched no event at all after an optional grant.
// Observation stays opt-in per site: events come only for granted hosts, and the observer ignores
// every tab whose site is not bound with observation on.
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
  // (Absent only where the browser has no webRequest at all.)
  browser.webRequest?.onBeforeRequest.addListener(onRequest, FILTER, ['requestBody']);
  browser.tabs.onRemoved.addListener(eventWork((tabId: number) => observer.onTabRemoved(tabId)));
  // A tab's URL is visible to the extension only on hosts it may access (it has no `tabs`
  // permission): a bound site's is (granted when bound). A page loading where the URL cannot be
  // seen is therefore another site, and what was seen in the tab is dropped.
  browser.tabs.onUpdated.addListener(eventWork(async (tabId: number, change: Browser.Tabs.OnUpdatedChangeInfoType, tab: Browser.Tabs.Tab) => {
    if (change.url === undefined && change.status !== 'loading') return;
    await observer.onTabUrl(tabId, change.url ?? tab.url ?? '');
  }));
}
