/**
 * The `iss` of the pool's tokens. By default what Cognito issues,
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>`, so verifiers written for Cognito
 * (aws-jwt-verify's CognitoJwtVerifier, API Gateway authorizers) accept the tokens as they are;
 * with `localIssuer` (LocalPoolOptions / `--local-issuer`) the pool's own URL, `<origin>/<poolId>`,
 * whose `/.well-known/jwks.json` a generic OIDC verifier can fetch. The JWKS is served locally
 * in both cases.
 */
import type { ServerContext } from './context.js';
import type { PoolRecord } from './store.js';

export function cognitoIssuer(region: string, poolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

export function issuerOf(ctx: Pick<ServerContext, 'origin' | 'localIssuer'>, pool: Pick<PoolRecord, 'id' | 'region'>): string {
  return ctx.localIssuer ? `${ctx.origin()}/${pool.id}` : cognitoIssuer(pool.region, pool.id);
}
