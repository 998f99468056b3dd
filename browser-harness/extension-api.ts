/**
 * Calls into the extension's own API from one of its pages, the way the popup and options page
 * make them. Each function runs in the page (`browser` in Firefox, `chrome` in Chromium), so tests
 * say what they ask rather than paste the same page script.
 */
import type { ExtPage } from './launch';

/** Sends one request to the background, as the pages do, and returns the raw answer. */
export function sendToBackground(page: ExtPage, message: unknown): Promise<any> {
  return page.evaluateWith((m) => ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage(m) as Promise<any>, message);
}

/** Whether the extension holds the host permission `pattern` (e.g. `http://127.0.0.1/*`). */
export function hasHostPermission(page: ExtPage, pattern: string): Promise<boolean> {
  return page.evaluateWith((p) => ((globalThis as any).browser ?? (globalThis as any).chrome).permissions.contains({ origins: [p] }) as Promise<boolean>, pattern);
}

/** When the alarm `name` is due (epoch ms), or undefined if none is set. */
export async function alarmDueAt(page: ExtPage, name: string): Promise<number | undefined> {
  const alarm = await page.evaluateWith((n) => ((globalThis as any).browser ?? (globalThis as any).chrome).alarms.get(n) as Promise<{ scheduledTime: number } | undefined>, name);
  return alarm?.scheduledTime;
}

/**
 * Makes the alarm `name` due now (creating an alarm replaces one of the same name): the browser
 * fires it into the background's own onAlarm listener, as it would when its time came.
 */
export async function fireAlarmNow(page: ExtPage, name: string): Promise<void> {
  await page.evaluateWith((n) => ((globalThis as any).browser ?? (globalThis as any).chrome).alarms.create(n, { when: Date.now() }), name);
}

/** A notification as the extension's own notifications.getAll describes it. */
export type ShownNotification = { title?: string; message?: string } | true;

/**
 * The extension's notifications now shown, by id, read through its own API from one of its pages;
 * null while the optional `notifications` permission is not granted (the API is then absent).
 * Firefox's getAll gives each notification's options (title, message); Chromium's gives only
 * `true` per id (chrome.notifications.getAll lists ids), so there the contents cannot be read.
 */
export function notificationsShown(page: ExtPage): Promise<Record<string, ShownNotification> | null> {
  return page.evaluate(async () => {
    const api = ((globalThis as any).browser ?? (globalThis as any).chrome).notifications;
    return api ? await api.getAll() as Record<string, ShownNotification> : null;
  });
}
