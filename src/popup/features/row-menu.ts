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

export const ROW_MENU_ENTRIES: readonly RowMenuEntry[] = [
  ({ account, signOut }) => (account.kind === 'cognito' && account.tokensExpireAt !== undefined
    ? { testid: 'sign-out', label: t('signOut'), description: t('signOutDescription'), run: signOut }
    : undefined),
  ({ account }) => (account.kind === 'cognito'
    ? { testid: 'show-devices', label: t('devices'), description: t('devicesMenuDescription'), run: () => openAccountInOptions(account.id, 'devices') }
    : undefined),
  ({ account }) => ({ testid: 'edit-account', label: t('edit'), description: t('editMenuDescription'), run: () => openAccountInOptions(account.id, 'edit') }),
];
