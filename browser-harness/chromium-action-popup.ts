// The toolbar button's popup in Chromium, opened the way a person opens it (the click grants
// activeTab on the tab): CDP Extensions.triggerAction, which needs Chromium started with
// --enable-unsafe-extension-debugging (launchChromium's extraArgs). The popup is not a Playwright
// page; it is reached through the browser-level CDP session (Target.sendMessageToTarget).
import type { BrowserContext, CDPSession } from 'playwright-core';
import { POPUP_PATH } from './launch';
import { until } from './until';

export const ACTION_DEBUGGING_FLAG = '--enable-unsafe-extension-debugging';

/** Evaluates `expression` in the popup (awaited, by value). `userGesture`: as if from a click (permissions.request needs one). */
export type PopupEvaluate = (expression: string, opts?: { userGesture?: boolean }) => Promise<unknown>;

async function evaluatorFor(cdp: CDPSession, targetId: string): Promise<PopupEvaluate> {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 1;
  const waiting = new Map<number, (reply: any) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message);
    waiting.get(reply.id)?.(reply);
  });
  return async (expression, opts = {}) => {
    const id = nextId++;
    const answered = new Promise<any>((resolve) => waiting.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true, userGesture: opts.userGesture === true } }),
    });
    const reply = await answered;
    waiting.delete(id);
    if (reply.error) throw new Error(`Runtime.evaluate failed: ${reply.error.message}`);
    if (reply.result.exceptionDetails) throw new Error(`the popup threw: ${reply.result.exceptionDetails.exception?.description ?? reply.result.exceptionDetails.text}`);
    return reply.result.result.value;
  };
}

/** A JSON-serialisable value computed in the popup. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Runs `fn(window, arg)` in the popup and returns its JSON result: the same shape as
 * firefox-action-popup.ts's inPopup, so one scenario function drives the popup in both browsers.
 * `fn` is sent as source text: it can use nothing from the test's scope but `arg`.
 */
export async function callInPopup<A extends Json, T extends Json>(evaluate: PopupEvaluate, fn: (window: Window, arg: A) => T | Promise<T>, arg: A,
  opts: { userGesture?: boolean } = {}): Promise<T> {
  return (await evaluate(`(${fn.toString()})(window, ${JSON.stringify(arg)})`, opts)) as T;
}

/** Clicks the toolbar button on the tab showing `tabUrlPrefix` and returns an evaluator in the popup it opens. */
export async function openActionPopup(context: BrowserContext, extensionId: string, tabUrlPrefix: string): Promise<{ evaluate: PopupEvaluate; detach(): Promise<void> }> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  const poll = <T>(what: string, probe: () => Promise<T | undefined>) => until(what, probe, { timeoutMs: 15_000, intervalMs: 100, retryErrors: true });
  const tab = await poll('the page\'s tab target', async () =>
    (await cdp.send('Target.getTargets', { filter: [{}] })).targetInfos.find((t) => t.type === 'tab' && t.url.startsWith(tabUrlPrefix)));
  await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  const popup = await poll('the action popup', async () =>
    (await cdp.send('Target.getTargets', { filter: [{}] })).targetInfos.find((t) => t.type === 'page' && t.url === `chrome-extension://${extensionId}/${POPUP_PATH}`));
  return { evaluate: await evaluatorFor(cdp, popup.targetId), detach: () => cdp.detach() };
}
