// Host permission for endpoints outside the manifest's list (local pool, proxies, custom
// domains). permissions.request needs a user gesture, so only the options page can ask; the
// background checks and refuses with `permission-missing`, naming what is missing.
import { hostPermissionFor } from '../shared/host-permission';
import { AppError } from './errors';

export interface PermissionsApi {
  contains(permissions: { origins?: string[] }): Promise<boolean>;
}

/**
 * Passes when the browser grants the endpoint's host: regional endpoints (no `endpoint`) are
 * built from the manifest's own list; any other URL, even another *.amazonaws.com one, must
 * have been granted for its host by the person.
 */
export async function ensureEndpointPermission(permissions: PermissionsApi, endpoint: string | undefined): Promise<void> {
  if (endpoint === undefined) return; // endpointFor only builds URLs from the manifest's host_permissions list
  const { origin, pattern } = hostPermissionFor(new URL(endpoint));
  if (await permissions.contains({ origins: [pattern] })) return;
  throw new AppError('permission-missing',
    `The extension is not allowed to reach ${origin}: grant access to ${pattern} in the options page, then try again.`);
}
