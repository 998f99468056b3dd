/**
 * The extension's toolbar popup in Firefox, which WebDriver BiDi does not list: the popup is a
 * <browser> inside the browser window's chrome document, not a tab, so it is in no
 * browsingContext.getTree and no BiDi command can target it. What reaches it is the chrome
 * context that --remote-allow-system-access opens (FirefoxSession.chromeEvaluate):
 *
 * - clickToolbarButton() runs the extension's browser action as the action's keyboard shortcut
 *   does: `browserActionFor(extension).triggerAction(window)` (ext-browserAction.js; what the
 *   `_execute_action` command calls). Like the button's click handler it goes through
 *   ExtensionActions.triggerClickOrPopup, which grants activeTab on the selected tab, and opens
 *   the popup. It needs no toolbar node, wherever the button is placed.
 * - inPopup() / inSelectedTab() run a function in a content document through a frame script
 *   (messageManager.loadFrameScript on that <browser>), which runs in the document's own
 *   process, even the extension process, and answers through the message manager.
 */
import { GECKO_ID } from '../manifest.config.ts';
import { POPUP_PATH, type FirefoxSession } from './launch';

/** A JSON-serialisable value computed in a content window. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The selector, in the browser window's chrome document, of the popup's <browser>. */
const POPUP_BROWSER = 'browser[webextension-view-type=popup]';

/** Runs the browser action on the selected tab, as a click on the toolbar button does; resolves once the popup has loaded. */
export async function clickToolbarButton(session: FirefoxSession, timeoutMs = 15_000): Promise<void> {
  const popupUrl = `moz-extension://${session.uuid}/${POPUP_PATH}`;
  // The wait for the popup runs inside Firefox's chrome context, in the same script as the click,
  // where until.ts cannot go: one round trip instead of a poll over BiDi per step.
  const outcome = await session.chromeEvaluate(`(async () => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const extension = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)})?.extension;
    if (!extension) return 'the extension is not installed';
    if (document.querySelector(${JSON.stringify(POPUP_BROWSER)})) return 'a popup is already open (the action would close it)';
    ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
    const deadline = Date.now() + ${timeoutMs};
    for (;;) {
      const popup = document.querySelector(${JSON.stringify(POPUP_BROWSER)});
      if (popup?.currentURI?.spec === ${JSON.stringify(popupUrl)} && !popup.webProgress?.isLoadingDocument) return 'open';
      if (Date.now() > deadline) return 'no popup with ' + ${JSON.stringify(POPUP_PATH)} + ' appeared (last seen: ' + (popup?.currentURI?.spec ?? 'none') + ')';
      await new Promise((r) => setTimeout(r, 100));
    }
  })()`);
  if (outcome !== 'open') throw new Error(`clicking the toolbar button in Firefox failed: ${String(outcome)}`);
}

/**
 * Runs `fn(window, arg)` in the document shown by a <browser> of the chrome window (picked by
 * `browserExpression`, evaluated there) and returns its JSON result. The function runs with the
 * frame script's (system) privileges on an Xray view of the page: DOM reads and clicks work;
 * page-defined expandos are not visible.
 */
async function inBrowser<A extends Json, T extends Json>(session: FirefoxSession, browserExpression: string,
  fn: (window: Window, arg: A) => T | Promise<T>, arg: A, timeoutMs: number): Promise<T> {
  const reply = `e2e:reply:${Math.random().toString(36).slice(2)}`;
  // Frame script source: run fn on `content`, send back {ok, value | error} once.
  const script = `(async () => (${fn.toString()})(content, ${JSON.stringify(arg)}))()
    .then((value) => sendAsyncMessage(${JSON.stringify(reply)}, { ok: true, value: JSON.stringify(value ?? null) }),
          (error) => sendAsyncMessage(${JSON.stringify(reply)}, { ok: false, error: String(error) }));`;
  const answer = await session.chromeEvaluate(`(async () => {
    const target = ${browserExpression};
    if (!target) return JSON.stringify({ ok: false, error: 'no such browser in the chrome window' });
    const mm = target.messageManager;
    const answered = new Promise((resolve) => {
      const listener = { receiveMessage(message) { mm.removeMessageListener(${JSON.stringify(reply)}, listener); resolve(message.data); } };
      mm.addMessageListener(${JSON.stringify(reply)}, listener);
    });
    mm.loadFrameScript('data:text/javascript,' + encodeURIComponent(${JSON.stringify(script)}), false);
    const timedOut = new Promise((resolve) => setTimeout(() => resolve({ ok: false, error: 'no answer within ${timeoutMs} ms' }), ${timeoutMs}));
    return JSON.stringify(await Promise.race([answered, timedOut]));
  })()`);
  const parsed = JSON.parse(String(answer)) as { ok: boolean; value?: string; error?: string };
  if (!parsed.ok) throw new Error(`running a function in Firefox's ${browserExpression.includes('popup') ? 'action popup' : 'selected tab'} failed: ${parsed.error}`);
  return JSON.parse(parsed.value ?? 'null') as T;
}

/** Runs `fn` in the open action popup (see clickToolbarButton). */
export function inPopup<A extends Json, T extends Json>(session: FirefoxSession, fn: (window: Window, arg: A) => T | Promise<T>, arg: A, timeoutMs = 10_000): Promise<T> {
  return inBrowser(session, `document.querySelector(${JSON.stringify(POPUP_BROWSER)})`, fn, arg, timeoutMs);
}

/** Runs `fn` in the selected tab's document, from outside the page (the page cannot see it). */
export function inSelectedTab<A extends Json, T extends Json>(session: FirefoxSession, fn: (window: Window, arg: A) => T | Promise<T>, arg: A, timeoutMs = 10_000): Promise<T> {
  return inBrowser(session, 'gBrowser.selectedBrowser', fn, arg, timeoutMs);
}

/**
 * The selected tab's URL and how many extension content-script globals exist in its content
 * process (ExtensionContent.getAllContentScriptGlobals, what the devtools debugger lists): any
 * content script, tabs.executeScript or scripting.executeScript in the page would add one.
 */
export function contentScriptGlobalsInSelectedTab(session: FirefoxSession): Promise<{ href: string; globals: number }> {
  return inSelectedTab(session, (w) => {
    const { ExtensionContent } = (globalThis as any).ChromeUtils.importESModule('resource://gre/modules/ExtensionContent.sys.mjs');
    return { href: w.location.href, globals: ExtensionContent.getAllContentScriptGlobals().length as number };
  }, null);
}
