/**
 * Addresses people copy from the browser: a Hosted UI / Managed Login page and the AWS console's
 * page of a user pool. What each can and cannot tell:
 *   Hosted UI  https://<prefix>.auth.<region>.amazoncognito.com/login?client_id=…&response_type=…
 *              (or a custom domain, then no region): the app client id, never the pool id.
 *   Console    https://<region>.console.aws.amazon.com/cognito/v2/idp/user-pools/<poolId>/…
 *              (…/applications/app-clients/<clientId>… on an app client's page; the older
 *              console's …/cognito/users/?region=…#/pool/<poolId>/…): the pool id, and the
 *              client id only on an app client's page.
 */
import { isClientId, isRegion, isUserPoolId } from '../../cognito/validate';
import type { PoolConfigFinding, PoolConfigResult } from './finding';

/** The Hosted UI's own pages; on a custom domain only these paths with a client_id count. */
const HOSTED_UI_PATHS = ['/login', '/signup', '/logout', '/forgotPassword', '/confirmUser', '/oauth2/authorize', '/mfa', '/passkeys/add'];
const COGNITO_DOMAIN = /^[a-z0-9-]+\.auth(?:-fips)?\.([a-z0-9-]+)\.amazoncognito\.com$/;
const CONSOLE_HOST = /^(?:([a-z0-9-]+)\.)?console\.aws\.amazon\.com$/;

export function readCognitoUrl(text: string): PoolConfigResult {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'not-recognised' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'not-recognised' };
  return consoleFinding(url) ?? hostedUiFinding(url) ?? { ok: false, problem: 'not-recognised' };
}

function hostedUiFinding(url: URL): PoolConfigResult | undefined {
  const clientId = url.searchParams.get('client_id');
  const cognitoDomain = COGNITO_DOMAIN.exec(url.hostname);
  if (!cognitoDomain && (clientId === null || !HOSTED_UI_PATHS.includes(url.pathname))) return undefined;
  const finding: PoolConfigFinding = { source: 'hosted-ui-url', values: {}, notLearnt: ['userPoolId'], rejected: [], domain: url.hostname };
  if (cognitoDomain && isRegion(cognitoDomain[1])) finding.region = cognitoDomain[1];
  if (clientId === null || clientId === '') finding.notLearnt.push('clientId');
  else if (isClientId(clientId)) finding.values.clientId = clientId;
  else finding.rejected.push('clientId');
  const responseType = url.searchParams.get('response_type');
  if (responseType === 'code' || responseType === 'token') finding.responseType = responseType;
  return { ok: true, finding };
}

function consoleFinding(url: URL): PoolConfigResult | undefined {
  const host = CONSOLE_HOST.exec(url.hostname);
  if (!host) return undefined;
  const path = decodeURIComponent(url.pathname);
  const hash = decodeURIComponent(url.hash);
  const poolId = /\/user-pools\/([^/?#]+)/.exec(path)?.[1] ?? /\/pool\/([^/?#]+)/.exec(hash)?.[1];
  if (!path.startsWith('/cognito/') || poolId === undefined) return { ok: false, problem: 'no-user-pool' };
  const finding: PoolConfigFinding = { source: 'console-url', values: {}, notLearnt: [], rejected: [] };
  if (isUserPoolId(poolId)) finding.values.userPoolId = poolId;
  else finding.rejected.push('userPoolId');
  const clientId = /\/app-clients\/([^/?#]+)/.exec(path)?.[1] ?? /\/clients\/([^/?#]+)/.exec(path)?.[1];
  if (clientId === undefined) finding.notLearnt.push('clientId');
  else if (isClientId(clientId)) finding.values.clientId = clientId;
  else finding.rejected.push('clientId');
  const region = finding.values.userPoolId?.split('_')[0] ?? host[1] ?? url.searchParams.get('region') ?? undefined;
  if (region !== undefined && isRegion(region)) finding.region = region;
  return { ok: true, finding };
}
