/**
 * A bound site the extension may not reach: says so, with "Allow access", which asks the browser
 * for the site's host permission in the click (permissions.request needs the gesture: nothing is
 * awaited before it). Shown by the popup's "This tab" and the options page's Sites panel.
 *
 * A binding can lack its grant when the person refused it or revoked it in the browser, or when
 * a backup brought the binding back after the extension had given the grant back
 * (src/background/sites/host-grants.ts). Without this button the only way to grant it again was
 * to remove the site and bind it anew.
 */
import browser from 'webextension-polyfill';
import { hostPermissionFor } from '../../shared/host-permission';
import { h } from '../dom';
import { t } from '../i18n';

export interface SiteAccessOptions {
  origin: string;
  /** The element to build: a list item in a list, a paragraph elsewhere. */
  tag?: 'li' | 'p';
  /** After the browser granted it (the caller draws again). */
  onGranted(): void | Promise<void>;
  /** Says what happened (refused), where the caller shows its messages. */
  say(message: string, isError?: boolean): void;
}

/**
 * Asks the browser for the host permission of `origin` (false: refused, or the browser failed).
 * Call it in the click's own turn, before anything is awaited: the browser only grants there.
 * Every place that binds a site or allows one asks through this.
 */
export function requestSiteAccess(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [hostPermissionFor(new URL(origin)).pattern] }).catch(() => false);
}

/** Whether the browser grants what the code-fill script needs on `origin`. */
export function siteAccessGranted(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [hostPermissionFor(new URL(origin)).pattern] }).catch(() => false);
}

export function siteAccessWarning({ origin, tag = 'p', onGranted, say }: SiteAccessOptions): HTMLElement {
  const button = h('button', { type: 'button', 'data-testid': 'allow-site-access', text: t('allowSiteAccess'),
    'aria-label': t('allowSiteAccessTo', origin) });
  button.addEventListener('click', () => {
    button.disabled = true;
    // Asked first, with nothing awaited before it: the browser only grants in the click's turn.
    const granted = requestSiteAccess(origin);
    void (async () => {
      try {
        if (!(await granted)) return say(t('thisTabPermissionRefused', origin), true);
        say(t('siteAccessAllowed', origin));
        await onGranted();
      } finally {
        button.disabled = false;
      }
    })();
  });
  return h(tag, { class: 'warning site-access', 'data-testid': 'site-no-access', 'data-origin': origin },
    h('span', { text: t('siteNoAccess', origin) }), ' ', button);
}
