// Host permission for custom endpoints (local pool, proxies). permissions.request needs a user
// gesture, so only the options page can ask; the background checks and explains what is missing.
import { AppError } from './errors';

export interface PermissionsApi {
  contains(permissions: { origins?: string[] }): Promise<boolean>;
}

/** The match pattern for an endpoint's origin (match patterns ignore ports). */
function originPatternFor(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//${url.hostname}/*`;
}

export async function ensureEndpointPermission(permissions: PermissionsApi, endpoint: string | undefined): Promise<void> {
  if (endpoint === undefined) return; // regional endpoints are in the manifest's host_permissions
  const origin = originPatternFor(endpoint);
  if (await permissions.contains({ origins: [origin] })) return;
  throw new AppError('permission-missing',
    `The extension is not allowed to reach ${new URL(endpoint).origin}: grant access to ${origin} in the options page, then try again.`);
}
