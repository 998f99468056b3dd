/** InitiateAuth, RespondToAuthChallenge and their Admin* twins. */
import type { Handler } from '../context.js';
import type { Flow } from '../auth/flow.js';
import { clientById, poolClient } from '../lookup.js';
import { initiateAuth, AUTH_FLOWS } from '../auth/initiate.js';
import { respondToChallenge, CHALLENGE_NAMES } from '../auth/respond.js';
import { CLIENT_ID_RULE, POOL_ID_RULE, SESSION_RULE, optMap, optStr, reqStr } from '../validation.js';

export const InitiateAuth: Handler = (ctx, body, req) => {
  const authFlow = reqStr(body, 'AuthFlow', { oneOf: AUTH_FLOWS.filter((f) => f !== 'ADMIN_USER_SRP_AUTH') });
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const flow: Flow = { ctx, pool, client, req, admin: false, clientMetadata: optMap(body, 'ClientMetadata') };
  return initiateAuth(flow, authFlow, optMap(body, 'AuthParameters') ?? {}, optStr(body, 'Session', SESSION_RULE));
};

export const AdminInitiateAuth: Handler = (ctx, body, req) => {
  const authFlow = reqStr(body, 'AuthFlow', { oneOf: AUTH_FLOWS });
  const { pool, client } = poolClient(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE), reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const flow: Flow = { ctx, pool, client, req, admin: true, clientMetadata: optMap(body, 'ClientMetadata') };
  return initiateAuth(flow, authFlow, optMap(body, 'AuthParameters') ?? {}, optStr(body, 'Session', SESSION_RULE));
};

export const RespondToAuthChallenge: Handler = (ctx, body, req) => {
  const name = reqStr(body, 'ChallengeName', { oneOf: CHALLENGE_NAMES });
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const flow: Flow = { ctx, pool, client, req, admin: false, clientMetadata: optMap(body, 'ClientMetadata') };
  return respondToChallenge(flow, name, optMap(body, 'ChallengeResponses') ?? {}, optStr(body, 'Session', SESSION_RULE));
};

export const AdminRespondToAuthChallenge: Handler = (ctx, body, req) => {
  const name = reqStr(body, 'ChallengeName', { oneOf: CHALLENGE_NAMES });
  const { pool, client } = poolClient(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE), reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const flow: Flow = { ctx, pool, client, req, admin: true, clientMetadata: optMap(body, 'ClientMetadata') };
  return respondToChallenge(flow, name, optMap(body, 'ChallengeResponses') ?? {}, optStr(body, 'Session', SESSION_RULE));
};
