// Host permission for endpoints outside the manifest's list (local pool, proxies, custom
// domains). permissions.request needs a user gesture, so only the options page can ask; the
// background checks and refuses with `permission-missing`, naming what is missing.
import { hostPermissionFor } from '../shared/host-permission';
import { endpointFor } from '../cognito/transport';
import { AppError } from './errors';

export interface PermissionsApi {
  contains(permissions: { origins?: string[] }): Promise<boolean>;
  /** Gives a grant back (src/background/sites/host-grants.ts); absent where nothing may be removed. */
  remove?(permissions: { origins?: string[] }): Promise<boolean>;
}

/**
 * Passes when the browser grants the host the account's requests go to: its endpoint, or the
 * regional one built from its user pool id. A regional host is in the manifest's list, granted at
 * install, but Firefox lets the person revoke it (MV3 host permissions are optional there), and
 * a clear refusal beats a network error; any other URL, even another *.amazonaws.com one, must
 * have been granted for its host by the person.
 */
export async function ensureEndpointPermission(permissions: PermissionsApi, account: { endpoint?: string | undefined; userPoolId: string }): Promise<void> {
  const { origin, pattern } = hostPermissionFor(new URL(endpointFor(account.userPoolId, account.endpoint)));
  if (await permissions.contains({ origins: [pattern] })) return;
  throw new AppError('permission-missing',
    `The extension is not allowed to reach ${origin}: grant access to ${pattern} in the options page, then try again.`);
}
