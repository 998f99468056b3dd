/**
 * The entries of an account row's menu ("More actions"): what a row can do besides its main
 * button (copy the code, sign in). One list of entry makers, in the order shown; an entry that
 * does not apply to the account makes nothing. Features add their entries here rather than
 * another button beside the name, which the name would have to make room for.
 */
import browser from 'webextension-polyfill';
import type { AccountSummary } from '../../shared/views';
import type { MenuItem } from '../../ui/components/menu-button';
import { t } from '../../ui/i18n';

/** What an entry can reach in its row. */
export interface RowMenuContext {
  account: AccountSummary;
  /** Ends the session (the row's own sign-out, which updates the row). */
  signOut(): Promise<void>;
  /** Whether the account is pinned to the top when the row is built (the list relabels the entry after a change). */
  pinned: boolean;
  /** Pins or unpins the account (the list's order, kept across sessions: src/shared/account-order.ts). */
  togglePin(): Promise<void>;
  /** Moves the row one place up (-1) or down (+1) within its group: the keyboard's way to drag. */
  move(step: -1 | 1): Promise<void>;
}

export type RowMenuEntry = (row: RowMenuContext) => MenuItem | undefined;

/** What the options page opens at: the account's devices, or its edit form (src/options/features/accounts-section.ts). */
export type AccountPageAction = 'devices' | 'edit';

/** The options page in a new tab, opened at one account's devices or edit form. */
export async function openAccountInOptions(accountId: string, action: AccountPageAction): Promise<void> {
  const url = `${browser.runtime.getURL('src/options/options.html')}#account=${encodeURIComponent(accountId)}&open=${action}`;
  await browser.tabs.create({ url });
  // The options page opens in a tab; the popup would otherwise stay over it.
  window.close();
}

/** The pin entry's label for a row pinned or not (the list calls it again after a change). */
export function pinLabel(pinned: boolean): string {
  return pinned ? t('unpinAccount') : t('pinAccount');
}

export const ROW_MENU_ENTRIES: readonly RowMenuEntry[] = [
  ({ account, signOut }) => (account.kind === 'cognito' && account.tokensExpireAt !== undefined
    ? { testid: 'sign-out', label: t('signOut'), description: t('signOutDescription'), run: signOut }
    : undefined),
  ({ account }) => (account.kind === 'cognito'
    ? { testid: 'show-devices', label: t('devices'), description: t('devicesMenuDescription'), run: () => openAccountInOptions(account.id, 'devices') }
    : undefined),
  ({ account }) => ({ testid: 'edit-account', label: t('edit'), description: t('editMenuDescription'), run: () => openAccountInOptions(account.id, 'edit') }),
  // Order: pin, and the keyboard's (and screen readers') way to do what dragging the letter mark does.
  ({ pinned, togglePin }) => ({ testid: 'pin-account', label: pinLabel(pinned), description: t('pinAccountDescription'), run: togglePin }),
  ({ move }) => ({ testid: 'move-up', label: t('moveAccountUp'), run: () => move(-1) }),
  ({ move }) => ({ testid: 'move-down', label: t('moveAccountDown'), run: () => move(1) }),
];
