// The accounts' site bindings (issue 9, "Sites"): bind, unbind, change a binding's switches, and
// which accounts are bound to one origin. The bindings live in each account's vault record
// (`sites`, src/background/accounts/model.ts), so they are encrypted, backed up and restored with
// the account. The rule of a binding is src/shared/site-binding.ts; this module only applies it.
//
// The host permission of a site is asked for by the page in the person's click (permissions.request
// needs the gesture); here it is only read: a binding without it is kept (the person may grant it
// later) but gets no content script and no code. What follows a change of bindings (the content
// script, giving back a grant nothing uses) listens to the account store (AccountStore.onPlacesChanged),
// which also sees the bindings an import adds and a deletion removes.
import { hostPermissionFor } from '../../shared/host-permission';
import { siteFor, withoutSite, withSite, MAX_SITES_PER_ACCOUNT, type SiteBinding, type SiteFlagsPatch } from '../../shared/site-binding';
import type { AccountSummary } from '../../shared/views';
import type { Account } from '../accounts/model';
import { summarize } from '../accounts/model';
import type { AccountStore } from '../accounts/store';
import { AppError, invalid } from '../errors';
import type { PermissionsApi } from '../permissions';

export class SiteBindings {
  constructor(private readonly accounts: AccountStore, private readonly permissions: PermissionsApi) {}

  async bind(accountId: string, origin: string, flags: SiteFlagsPatch = {}): Promise<SiteBinding[]> {
    const account = await this.accounts.get(accountId);
    const current = account.sites ?? [];
    if (!siteFor(current, origin) && current.length >= MAX_SITES_PER_ACCOUNT) {
      throw invalid(`Account "${account.label}" is bound to ${MAX_SITES_PER_ACCOUNT} sites already: remove one first.`);
    }
    return this.save(account, withSite(current, origin, flags));
  }

  async unbind(accountId: string, origin: string): Promise<SiteBinding[]> {
    const account = await this.accounts.get(accountId);
    return this.save(account, withoutSite(account.sites ?? [], origin));
  }

  async update(accountId: string, origin: string, flags: SiteFlagsPatch): Promise<SiteBinding[]> {
    const account = await this.accounts.get(accountId);
    const current = account.sites ?? [];
    if (!siteFor(current, origin)) throw new AppError('not-found', `Account "${account.label}" is not bound to ${origin}.`);
    return this.save(account, withSite(current, origin, flags));
  }

  /** The readable accounts bound to exactly `origin`, with their bindings. */
  async accountsBoundTo(origin: string): Promise<Account[]> {
    const { accounts } = await this.accounts.listReadable();
    return accounts.filter((a) => siteFor(a.sites, origin) !== undefined);
  }

  /** What the popup shows for a tab of `origin`: its accounts (no secret) and whether its host permission is granted. */
  async viewFor(origin: string): Promise<{ origin: string; accounts: AccountSummary[]; permissionGranted: boolean }> {
    const [accounts, permissionGranted] = await Promise.all([this.accountsBoundTo(origin), this.isGranted(origin)]);
    return { origin, accounts: accounts.map((a) => summarize(a)), permissionGranted };
  }

  /** Every bound origin of every readable account, each once. */
  async allOrigins(): Promise<string[]> {
    const { accounts } = await this.accounts.listReadable();
    return [...new Set(accounts.flatMap((a) => (a.sites ?? []).map((s) => s.origin)))].sort();
  }

  /** Whether the browser grants the host permission a content script on `origin` needs. */
  isGranted(origin: string): Promise<boolean> {
    return this.permissions.contains({ origins: [hostPermissionFor(new URL(origin)).pattern] });
  }

  private async save(account: Account, sites: SiteBinding[]): Promise<SiteBinding[]> {
    const { sites: _old, ...rest } = account;
    // No empty list is stored: an account bound nowhere reads as the records written before sites.
    await this.accounts.put(sites.length > 0 ? { ...rest, sites } as Account : rest as Account);
    return sites;
  }
}
