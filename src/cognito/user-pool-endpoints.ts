/**
 * The Cognito user-pool endpoints the extension reaches without asking: cognito-idp, plain and
 * FIPS, in every region botocore knows (China and GovCloud included). The list itself is
 * generated (./user-pool-endpoints.data.ts, regions per DNS suffix); the manifest's host_permissions and endpointFor are
 * both built from it here, so a regional URL the transport builds is always one the browser lets
 * through. Any other endpoint (custom domain, proxy, the local pool) needs the person's grant for
 * its origin.
 */
import { COGNITO_IDP_REGIONS } from './user-pool-endpoints.data.ts'; // with .ts: manifest.config.ts loads this outside the bundler

/** Every listed region with its plain and FIPS endpoint (no trailing slash), in botocore's order. */
export const COGNITO_IDP_ENDPOINTS: readonly { region: string; endpoint: string; fips: string }[] = COGNITO_IDP_REGIONS.flatMap(([suffix, regions]) =>
  regions.split(' ').map((region) => ({ region, endpoint: `https://cognito-idp.${region}.${suffix}`, fips: `https://cognito-idp-fips.${region}.${suffix}` })),
);

const byRegion = new Map(COGNITO_IDP_ENDPOINTS.map((e) => [e.region, e]));

/** True for a region whose cognito-idp endpoint is in the list. */
export function isCognitoRegion(region: string): boolean {
  return byRegion.has(region);
}

/** `https://cognito-idp.<region>.<suffix>/` for a listed region, else undefined. */
export function listedRegionalEndpoint(region: string): string | undefined {
  const found = byRegion.get(region);
  return found ? `${found.endpoint}/` : undefined;
}

/**
 * The manifest's host_permissions: one match pattern per host, every path. Match patterns
 * cannot put a wildcard inside a host name, hence one pattern per region and variant.
 */
export const COGNITO_HOST_PERMISSIONS: readonly string[] = COGNITO_IDP_ENDPOINTS.flatMap((e) => [`${e.endpoint}/*`, `${e.fips}/*`]);

const listedHosts = new Set(COGNITO_IDP_ENDPOINTS.flatMap((e) => [new URL(e.endpoint).hostname, new URL(e.fips).hostname]));

/** True when the manifest already grants this URL: https to a listed cognito-idp host (patterns ignore ports). */
export function isListedCognitoUrl(url: URL): boolean {
  return url.protocol === 'https:' && listedHosts.has(url.hostname);
}
