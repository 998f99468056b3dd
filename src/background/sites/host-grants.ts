// The optional host permissions this extension asks for are given back once nothing uses them
// (least privilege; docs/store/permissions.md). Two things ask for one, each in the person's click:
// binding a site (its host, so the code-fill script may run there) and adding a Cognito account
// whose endpoint is outside the manifest's list (the local pool, a proxy, a custom domain).
//
// Match patterns carry no port (src/shared/host-permission.ts): `http://127.0.0.1/*` is both the
// grant of a web app on 127.0.0.1:5173 and of a local pool on 127.0.0.1:9229. So a pattern is
// released only when no account's site and no account's endpoint still needs it, and not at all
// while a damaged record cannot be read (it may be the one that needs it).
import { isListedCognitoUrl } from '../../cognito/user-pool-endpoints';
import { endpointFor } from '../../cognito/transport';
import { hostPermissionFor } from '../../shared/host-permission';
import type { Account } from '../accounts/model';
import type { AccountStore } from '../accounts/store';
import type { PermissionsApi } from '../permissions';

/** The host patterns `account` needs granted: its sites', and its endpoint's when the manifest does not list it. */
export function hostPatternsOf(account: Account): string[] {
  const patterns = (account.sites ?? []).map((site) => hostPermissionFor(new URL(site.origin)).pattern);
  if (account.kind === 'cognito') {
    const endpoint = new URL(endpointFor(account.userPoolId, account.endpoint));
    if (!isListedCognitoUrl(endpoint)) patterns.push(hostPermissionFor(endpoint).pattern);
  }
  return [...new Set(patterns)];
}

/** The patterns `before` needed and `after` (the same account changed, or none: removed) does not. */
export function patternsDropped(before: Account | undefined, after: Account | undefined): string[] {
  if (!before) return [];
  const kept = new Set(after ? hostPatternsOf(after) : []);
  return hostPatternsOf(before).filter((pattern) => !kept.has(pattern));
}

export class HostGrants {
  constructor(private readonly accounts: AccountStore, private readonly permissions: PermissionsApi) {}

  /**
   * Removes each of `candidates` that the browser grants and no readable account needs; returns
   * those removed. A pattern the browser refuses to remove (a required one) is left as it is.
   */
  async releaseUnused(candidates: readonly string[]): Promise<string[]> {
    const { remove } = this.permissions;
    if (!remove || candidates.length === 0) return [];
    const { accounts, unreadable } = await this.accounts.listReadable();
    if (unreadable.length > 0) return [];
    const needed = new Set(accounts.flatMap(hostPatternsOf));
    const released: string[] = [];
    for (const pattern of new Set(candidates)) {
      if (needed.has(pattern) || !(await this.permissions.contains({ origins: [pattern] }))) continue;
      if (await remove.call(this.permissions, { origins: [pattern] }).catch(() => false)) released.push(pattern);
    }
    return released;
  }
}
