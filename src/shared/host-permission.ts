/**
 * The host permission an endpoint outside the manifest's list needs, in one place for the page
 * that asks (options form, permissions.request) and the background that checks
 * (permissions.contains).
 *
 * Match patterns carry no port: Firefox rejects a pattern with one and Chrome's match every port
 * when none is given. So the grant asked for http://127.0.0.1:9229/ is `http://127.0.0.1/*`, and it
 * lets the extension reach every port of 127.0.0.1 (and of the host of a proxy), not only 9229;
 * the form says so before it asks. Revoking it in the browser's extension settings revokes all ports.
 */
export interface HostPermission {
  /** What the request goes to, as the person typed it: scheme, host and port. */
  origin: string;
  /** The host the grant covers, on every port. */
  host: string;
  /** The match pattern requested and checked. */
  pattern: string;
}

export function hostPermissionFor(url: URL): HostPermission {
  return { origin: url.origin, host: url.hostname, pattern: `${url.protocol}//${url.hostname}/*` };
}
