// The browser events of sign-in observation, registered at the worker's top level (MV3 wakes the
// worker only for listeners added synchronously at start). `webRequest` is an optional permission
// (asked for when the person turns observation on for a site): its namespace is absent until
// granted, so the listener is added now if it is there, and again when the permission is added.
import type Browser from 'webextension-polyfill';
import type { ObservedRequest, SignInObserver } from './sign-in-observer';

/** Only the page's fetch/XHR requests: Cognito's API is JSON over POST, never a navigation. */
const FILTER = { urls: ['https://*/*', 'http://*/*'], types: ['xmlhttprequest'] as Browser.WebRequest.ResourceType[] };

export function listenForSignIns(browser: typeof Browser, observer: SignInObserver): void {
  const onRequest = (details: Browser.WebRequest.OnBeforeRequestDetailsType) => {
    void observer.onBeforeRequest(details as unknown as ObservedRequest);
    return undefined; // non-blocking: the page's request goes on untouched
  };
  const listen = () => {
    const webRequest = browser.webRequest;
    if (!webRequest || webRequest.onBeforeRequest.hasListener(onRequest)) return;
    webRequest.onBeforeRequest.addListener(onRequest, FILTER, ['requestBody']);
  };
  listen();
  browser.permissions.onAdded.addListener(listen);
  browser.tabs.onRemoved.addListener((tabId: number) => { void observer.onTabRemoved(tabId); });
  // `url` is reported for tabs whose host the extension may access: a bound site's (granted when
  // bound). A tab leaving for a host it may not see stops being observed anyway (no events there).
  browser.tabs.onUpdated.addListener((tabId: number, change: Browser.Tabs.OnUpdatedChangeInfoType) => {
    if (change.url !== undefined) void observer.onTabUrl(tabId, change.url);
  });
}
