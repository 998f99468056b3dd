/** InitiateAuth / AdminInitiateAuth: picks the flow, checks the client allows it, starts the first factor. */
import type { Flow, AuthResponse } from './flow.js';
import { PoolError, invalidParameter, notAuthorized } from '../errors.js';
import { checkSecretHash, findUser } from '../lookup.js';
import { advance, acceptDeviceKey } from './advance.js';
import { defineNext } from './custom.js';
import { parseSrpA } from './srp.js';
import {
  availableFirstFactors,
  newSession,
  passwordFactor,
  selectChallenge,
  startFirstFactor,
  startSrp,
  userAuthNotAvailable,
  WEB_AUTHN_UNSUPPORTED,
} from './first-factor.js';
import { refreshTokenAuth } from './refresh.js';

// Written again rather than imported from src/cognito: the pool checks our client independently.
export const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
  'ADMIN_USER_SRP_AUTH',
] as const;

const REQUIRED_CLIENT_FLOW: Record<string, string> = {
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  ADMIN_USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
};

export async function initiateAuth(flow: Flow, authFlow: string, params: Record<string, string>, session?: string): Promise<AuthResponse> {
  const adminOnly = authFlow === 'ADMIN_NO_SRP_AUTH' || authFlow === 'ADMIN_USER_PASSWORD_AUTH' || authFlow === 'ADMIN_USER_SRP_AUTH';
  if (adminOnly && !flow.admin) throw invalidParameter('Initiate Auth method not supported.');
  if (!flow.admin && authFlow === 'ADMIN_NO_SRP_AUTH') throw invalidParameter('Initiate Auth method not supported.');
  const needed = REQUIRED_CLIENT_FLOW[authFlow]!;
  if (!flow.client.explicitAuthFlows.includes(needed)) throw invalidParameter(`${authFlow} flow not enabled for this client`);

  if (authFlow === 'REFRESH_TOKEN_AUTH' || authFlow === 'REFRESH_TOKEN') return refreshTokenAuth(flow, params);

  const typed = params.USERNAME;
  if (typed === undefined || typed === '') throw invalidParameter('Missing required parameter USERNAME');
  checkSecretHash(flow.client, typed, params.SECRET_HASH);
  const user = findUser(flow.pool, typed);
  if (!user && flow.client.preventUserExistenceErrors === 'LEGACY')
    throw new PoolError('UserNotFoundException', 'User does not exist.');

  const flowName = authFlow === 'ADMIN_USER_SRP_AUTH' ? 'USER_SRP_AUTH' : authFlow === 'ADMIN_NO_SRP_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : authFlow;
  const s = newSession(flow, flowName, typed, user);
  // an unknown/forgotten DEVICE_KEY fails here, before any password work
  try {
    acceptDeviceKey(flow, s, user, params.DEVICE_KEY);
  } catch (e) {
    flow.ctx.sessions.end(s);
    throw e;
  }

  switch (flowName) {
    case 'USER_SRP_AUTH':
      return startSrp(flow, s, user, params.SRP_A);
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
      return passwordFactor(flow, s, user, params.PASSWORD);
    case 'CUSTOM_AUTH': {
      // an unknown user reaches here only with PreventUserExistenceErrors ENABLED (LEGACY threw
      // above): the triggers run with userNotFound: true, as on AWS
      if (params.CHALLENGE_NAME === 'SRP_A') {
        const A = parseSrpA(params.SRP_A);
        s.custom = { results: [{ challengeName: 'SRP_A', challengeResult: true }] };
        return defineNext(flow, s, user, A);
      }
      s.custom = { results: [] };
      return defineNext(flow, s, user);
    }
    case 'USER_AUTH': {
      if (session !== undefined) {
        // the Session from ConfirmSignUp: the user just proved the sign-up code
        const prior = flow.ctx.sessions.get(session, flow.client.clientId);
        if (!user || !prior.signUpConfirmed || prior.username !== user.username) throw notAuthorized('Invalid session for the user.');
        flow.ctx.sessions.end(prior);
        s.firstFactorDone = true;
        s.passwordless = true;
        return advance(flow, s, user);
      }
      const available = availableFirstFactors(flow, user);
      const preferred = params.PREFERRED_CHALLENGE;
      if (preferred === 'WEB_AUTHN') throw invalidParameter(WEB_AUTHN_UNSUPPORTED);
      if (preferred && available.includes(preferred)) return startFirstFactor(flow, s, user, preferred, params);
      if (available.length === 0) throw userAuthNotAvailable();
      return selectChallenge(flow, s, available);
    }
    default:
      throw invalidParameter(`Unsupported AuthFlow ${authFlow}`);
  }
}
