// The optional permission of page approvals (issue 9 item 5), asked for in the click that needs
// it (permissions.request needs the person's gesture: call it before anything is awaited):
// `notifications` shows "Display notifications", so it is asked for when the person asks to be
// told. (Sign-in observation's `webRequest` is held from install: manifest.json, permissions.md.)
import browser from 'webextension-polyfill';

export const NOTIFY_PERMISSIONS = { permissions: ['notifications'] } as const;

export function requestNotifications(): Promise<boolean> {
  return browser.permissions.request({ permissions: [...NOTIFY_PERMISSIONS.permissions] }).catch(() => false);
}

export function notificationsGranted(): Promise<boolean> {
  return browser.permissions.contains({ permissions: [...NOTIFY_PERMISSIONS.permissions] }).catch(() => false);
}
