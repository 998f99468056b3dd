/**
 * "This tab": the popup's panel for the web page the person opened it on (issue 9), above the
 * account list, shown only when the active tab is an http(s) page. It lists the accounts bound to
 * exactly that page's origin, each with its actions, and "Use on this site" to bind another.
 *
 * One place to add to it: `ACCOUNT_ACTIONS` (a button on each bound account's row, e.g. "Fill
 * code", "Sign in this tab as …") and `PANEL_ENTRIES` (a block of its own, e.g. a sign-in waiting
 * for approval, a TOTP set-up seen on the page). Each entry gets the same `ThisTab` and returns
 * its element, or null when it has nothing to show.
 *
 * The tab's URL is readable because opening the popup from the toolbar grants activeTab on it.
 * Binding asks for the site's host permission in the same click (permissions.request must be
 * called before anything is awaited, or the browser no longer sees the gesture).
 *
 * Sends `accounts-for-origin`, `list-accounts`, `bind-site`; its entries send their own (./fill-code.ts: `fill-code`;
 * ./sign-in-this-tab.ts opens the sign-in view, which sends `sign-in-tab`; ./enrol-from-page.ts:
 * `import-preview`, `enrol-from-page`; ./observed-sign-in.ts: `tab-sign-in`).
 */
import browser from 'webextension-polyfill';
import { requestSiteAccess, siteAccessWarning } from '../../ui/components/site-access';
import { originOf } from '../../shared/site-binding';
import type { AccountSummary } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import type { PopupContext } from '../popup-context';
import { fillCodeAction } from './fill-code';
import { signInThisTabAction } from './sign-in-this-tab';
import { enrolFromPage } from './enrol-from-page';
import { observedSignIn } from './observed-sign-in';

/** What every entry of the panel is given. */
export interface ThisTab {
  popup: PopupContext;
  /** The active tab (its id is what the background acts on; the page never names a tab itself). */
  tabId: number;
  /** The tab's exact origin (src/shared/site-binding.ts originOf). */
  origin: string;
  /** The accounts bound to `origin`. */
  bound: readonly AccountSummary[];
  /** Whether the host permission of `origin` is granted (without it nothing runs on the page). */
  permissionGranted: boolean;
  /** Shows a line under the panel's heading (role=status, or an error). */
  say(message: string, isError?: boolean): void;
  /** Marks the panel with what the last action came to (data-result, for tests and styles). */
  setResult(result: string): void;
  /** Draws the panel again (after a change of the bindings). */
  redraw(): Promise<void>;
}

type AccountAction = (tab: ThisTab, account: AccountSummary) => HTMLElement | null;
type PanelEntry = (tab: ThisTab) => HTMLElement | null;

/** A button on each bound account's row, in this order. */
const ACCOUNT_ACTIONS: readonly AccountAction[] = [fillCodeAction, signInThisTabAction];

/** Blocks of the panel, in this order, after the bound accounts. */
const PANEL_ENTRIES: readonly PanelEntry[] = [observedSignIn, enrolFromPage, useOnThisSite];

/** The active tab of the popup's window, if it is an http(s) page. */
async function activeWebTab(): Promise<{ tabId: number; origin: string } | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const origin = tab?.url !== undefined ? originOf(tab.url) : undefined;
  return tab?.id !== undefined && origin !== undefined ? { tabId: tab.id, origin } : undefined;
}

/** The panel, or null when the active tab is no web page (a browser page, the popup opened as a tab). */
export async function thisTabPanel(popup: PopupContext): Promise<HTMLElement | null> {
  const active = await activeWebTab().catch(() => undefined);
  if (!active) return null;
  const status = h('p', { class: 'hint', role: 'status', 'data-testid': 'this-tab-status', hidden: true });
  const body = h('div', {});
  const section = h('section', { class: 'this-tab card', 'aria-labelledby': 'this-tab-title', 'data-testid': 'this-tab', 'data-origin': active.origin },
    h('h2', { id: 'this-tab-title', text: t('thisTabTitle') }),
    h('p', { class: 'muted this-tab-origin', 'data-testid': 'this-tab-origin', text: active.origin }),
    status, body);

  const say = (message: string, isError = false) => {
    status.hidden = false;
    status.className = isError ? 'error' : 'hint';
    status.setAttribute('role', isError ? 'alert' : 'status');
    status.textContent = message;
  };
  const setResult = (result: string) => { status.dataset.result = result; };
  const redraw = async () => {
    const view = await ask({ type: 'accounts-for-origin', origin: active.origin });
    const tab: ThisTab = { popup, ...active, bound: view.accounts, permissionGranted: view.permissionGranted, say, setResult, redraw };
    replaceChildren(body, boundAccounts(tab), ...PANEL_ENTRIES.map((entry) => entry(tab)));
  };
  await redraw();
  return section;
}

function boundAccounts(tab: ThisTab): HTMLElement {
  if (tab.bound.length === 0) return h('p', { class: 'muted', 'data-testid': 'this-tab-none', text: t('thisTabNoAccounts') });
  return h('ul', { class: 'this-tab-accounts', 'data-testid': 'this-tab-accounts' },
    ...[...tab.bound].sort((a, b) => a.label.localeCompare(b.label)).map((account) =>
      h('li', { class: 'row', 'data-testid': 'this-tab-account', 'data-account-id': account.id },
        h('span', { class: 'grow', 'data-testid': 'this-tab-account-label', text: account.label }),
        ...ACCOUNT_ACTIONS.map((action) => action(tab, account)))),
    tab.permissionGranted ? null : siteAccessWarning({ origin: tab.origin, tag: 'li', onGranted: tab.redraw, say: tab.say }));
}

/** "Use on this site": binds an account not yet bound here, asking for the site's host permission in the click. */
function useOnThisSite(tab: ThisTab): HTMLElement {
  const select = h('select', { id: 'this-tab-account-select', 'data-testid': 'this-tab-account-select' });
  const button = h('button', { type: 'button', id: 'use-on-this-site', 'data-testid': 'use-on-this-site', text: t('useOnThisSite') });
  const block = h('div', { class: 'row this-tab-bind' },
    h('label', { for: 'this-tab-account-select', class: 'visually-hidden', text: t('useOnThisSiteAccount') }), select, button);
  block.hidden = true;
  const boundIds = new Set(tab.bound.map((a) => a.id));
  void ask({ type: 'list-accounts' }).then(({ accounts }) => {
    const candidates = accounts.filter((a) => !boundIds.has(a.id)).sort((a, b) => a.label.localeCompare(b.label));
    select.replaceChildren(...candidates.map((a) => h('option', { value: a.id, text: a.label })));
    block.hidden = candidates.length === 0;
  }, (error: unknown) => tab.say(errorText(error), true));

  button.addEventListener('click', () => {
    const accountId = select.value;
    const label = select.selectedOptions[0]?.textContent ?? '';
    if (!accountId) return;
    button.disabled = true;
    // Asked first, with nothing awaited before it: the browser only grants in the click's turn.
    const granted = requestSiteAccess(tab.origin);
    void (async () => {
      try {
        if (!(await granted)) return tab.say(t('thisTabPermissionRefused', tab.origin), true);
        await ask({ type: 'bind-site', accountId, origin: tab.origin });
        announce(t('siteBound', label, tab.origin));
        await tab.redraw();
        tab.say(t('siteBound', label, tab.origin));
      } catch (error) {
        tab.say(errorText(error), true);
      } finally {
        button.disabled = false;
      }
    })();
  });
  return block;
}
