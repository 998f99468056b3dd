// The optional permissions of sign-in observation and page approvals (issue 9 item 5), asked for
// in the click that needs them (permissions.request needs the person's gesture: call it before
// anything is awaited). `webRequest` has no prompt line in Chrome or Firefox; `notifications`
// shows "Display notifications", so it is asked for separately, when the person asks to be told.
import browser from 'webextension-polyfill';

export const OBSERVATION_PERMISSIONS = { permissions: ['webRequest'] } as const;
export const NOTIFY_PERMISSIONS = { permissions: ['notifications'] } as const;

export function requestObservation(): Promise<boolean> {
  return browser.permissions.request({ permissions: [...OBSERVATION_PERMISSIONS.permissions] }).catch(() => false);
}

export function requestNotifications(): Promise<boolean> {
  return browser.permissions.request({ permissions: [...NOTIFY_PERMISSIONS.permissions] }).catch(() => false);
}

export function notificationsGranted(): Promise<boolean> {
  return browser.permissions.contains({ permissions: [...NOTIFY_PERMISSIONS.permissions] }).catch(() => false);
}
