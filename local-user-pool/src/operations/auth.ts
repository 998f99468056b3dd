/** InitiateAuth, RespondToAuthChallenge and their Admin* twins. */
import type { Handler, RequestInfo, ServerContext } from '../context.js';
import type { Flow } from '../auth/flow.js';
import { clientById, poolClient } from '../lookup.js';
import { initiateAuth, AUTH_FLOWS } from '../auth/initiate.js';
import { respondToChallenge, CHALLENGE_NAMES } from '../auth/respond.js';
import { contextSourceIp } from '../context-data.js';
import { type Body, CLIENT_ID_RULE, POOL_ID_RULE, SESSION_RULE, optMap, optStr, reqStr } from '../validation.js';

/** The flow a request runs in: public calls find the pool by ClientId, admin calls name both. */
function flowOf(ctx: ServerContext, body: Body, req: RequestInfo, admin: boolean): Flow {
  const poolId = admin ? reqStr(body, 'UserPoolId', POOL_ID_RULE) : undefined;
  const clientId = reqStr(body, 'ClientId', CLIENT_ID_RULE);
  const { pool, client } = poolId !== undefined ? poolClient(ctx, poolId, clientId) : clientById(ctx, clientId);
  const sourceIp = contextSourceIp(client, body, admin, req.sourceIp);
  return { ctx, pool, client, req: { ...req, sourceIp }, admin, clientMetadata: optMap(body, 'ClientMetadata') };
}

function initiate(admin: boolean): Handler {
  // ADMIN_USER_SRP_AUTH is the admin-only name of the SRP flow
  const flows = admin ? AUTH_FLOWS : AUTH_FLOWS.filter((f) => f !== 'ADMIN_USER_SRP_AUTH');
  return (ctx, body, req) => {
    const authFlow = reqStr(body, 'AuthFlow', { oneOf: flows });
    const flow = flowOf(ctx, body, req, admin);
    return initiateAuth(flow, authFlow, optMap(body, 'AuthParameters') ?? {}, optStr(body, 'Session', SESSION_RULE));
  };
}

function respond(admin: boolean): Handler {
  return (ctx, body, req) => {
    const name = reqStr(body, 'ChallengeName', { oneOf: CHALLENGE_NAMES });
    const flow = flowOf(ctx, body, req, admin);
    return respondToChallenge(flow, name, optMap(body, 'ChallengeResponses') ?? {}, optStr(body, 'Session', SESSION_RULE));
  };
}

export const InitiateAuth = initiate(false);
export const AdminInitiateAuth = initiate(true);
export const RespondToAuthChallenge = respond(false);
export const AdminRespondToAuthChallenge = respond(true);
