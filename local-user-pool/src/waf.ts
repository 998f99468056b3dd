/**
 * An AWS WAF web ACL associated with a user pool, reduced to what a test needs: block rules.
 * On AWS a web ACL is created and associated through the WAF API (wafv2 AssociateWebACL with the
 * pool's ARN), not through Cognito's, so here it is a pool setting the Cognito API cannot change:
 * `local.webAcl` in the state or a seed's "Local". A request that matches every condition of a
 * rule (the operation it calls, the IP address it comes from) is blocked before Cognito sees it,
 * and the client gets what Cognito returns for a WAF block: HTTP 403, ForbiddenException,
 * "Request not allowed due to WAF block.". The pool a request is for is found from its
 * UserPoolId, ClientId, Session or AccessToken (its issuer).
 */
import type { ServerContext } from './context.js';
import { PoolError } from './errors.js';
import type { PoolRecord } from './store.js';
import { decodeJwt } from './tokens.js';

export interface WebAclRule {
  name: string;
  /** operations (X-Amz-Target suffixes) the rule applies to; every operation when absent */
  operations?: string[];
  /** source IP addresses the rule applies to; every address when absent */
  sourceIps?: string[];
}

export interface WebAcl {
  rules: WebAclRule[];
}

function poolOfRequest(ctx: ServerContext, body: Record<string, unknown>): PoolRecord | undefined {
  if (typeof body.UserPoolId === 'string') return ctx.state.pools[body.UserPoolId];
  if (typeof body.ClientId === 'string') {
    const id = body.ClientId;
    return Object.values(ctx.state.pools).find((p) => p.clients[id] !== undefined);
  }
  if (typeof body.Session === 'string') {
    try {
      return ctx.state.pools[ctx.sessions.getAny(body.Session).poolId];
    } catch {
      return undefined; // an unknown session: Cognito will say so
    }
  }
  if (typeof body.AccessToken === 'string') {
    const iss = decodeJwt(body.AccessToken)?.claims.iss;
    return typeof iss === 'string' ? ctx.state.pools[iss.slice(iss.lastIndexOf('/') + 1)] : undefined;
  }
  return undefined;
}

const ruleMatches = (rule: WebAclRule, operation: string, sourceIp: string) =>
  (!rule.operations || rule.operations.includes(operation)) && (!rule.sourceIps || rule.sourceIps.includes(sourceIp));

/** Throws ForbiddenException when the web ACL of the request's pool blocks it. */
export function checkWebAcl(ctx: ServerContext, operation: string, body: Record<string, unknown>, sourceIp: string): void {
  const acl = poolOfRequest(ctx, body)?.local.webAcl;
  if (acl?.rules.some((r) => ruleMatches(r, operation, sourceIp))) throw new PoolError('ForbiddenException', 'Request not allowed due to WAF block.', 403);
}
