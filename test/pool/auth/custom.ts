/**
 * CUSTOM_AUTH: DefineAuthChallenge decides each step from the session's history,
 * CreateAuthChallenge makes the CUSTOM_CHALLENGE, VerifyAuthChallengeResponse judges the ANSWER.
 * With AuthParameters.CHALLENGE_NAME = "SRP_A" the history starts with SRP_A and Define normally
 * asks for PASSWORD_VERIFIER first.
 */
import type { Flow, AuthResponse } from './flow.js';
import type { AuthSession } from '../sessions.js';
import type { UserRecord } from '../store.js';
import { INCORRECT_CREDENTIALS, PoolError, invalidParameter, notAuthorized } from '../errors.js';
import { advance, challenge } from './advance.js';
import { beginSrp, passwordVerifierParameters } from './srp.js';

function requireTriggers(flow: Flow): void {
  if (!flow.ctx.triggers.has(flow.pool, 'define-auth-challenge'))
    throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
}

/** Calls DefineAuthChallenge with the session history and acts on its answer. */
export async function defineNext(flow: Flow, s: AuthSession, user: UserRecord, A?: bigint): Promise<AuthResponse> {
  requireTriggers(flow);
  const results = s.custom?.results ?? [];
  const define = await flow.ctx.triggers.run(flow.pool, 'define-auth-challenge', 'DefineAuthChallenge_Authentication', {
    userName: user.username,
    clientId: flow.client.clientId,
    request: { userAttributes: { ...user.attributes }, session: results, clientMetadata: flow.clientMetadata ?? {}, userNotFound: false },
    response: { challengeName: null, issueTokens: false, failAuthentication: false },
  });
  if (!define) throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  if (define.failAuthentication === true) {
    flow.ctx.sessions.end(s);
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  if (define.issueTokens === true) {
    s.mfaDone = true;
    return advance(flow, s, user);
  }
  const name = define.challengeName;
  if (name === 'PASSWORD_VERIFIER') {
    if (A === undefined || !user.srp) throw invalidParameter('PASSWORD_VERIFIER requires SRP_A in AuthParameters (CHALLENGE_NAME = SRP_A)');
    const srp = beginSrp(flow, A, user.srp, 'user');
    return challenge(flow, s, 'PASSWORD_VERIFIER', passwordVerifierParameters(srp, user.srp.saltHex, user.username), { srp });
  }
  if (name !== 'CUSTOM_CHALLENGE')
    throw new PoolError('UserLambdaValidationException', `DefineAuthChallenge returned an unsupported challengeName ${JSON.stringify(name)}.`);
  const created = await flow.ctx.triggers.run(flow.pool, 'create-auth-challenge', 'CreateAuthChallenge_Authentication', {
    userName: user.username,
    clientId: flow.client.clientId,
    request: { userAttributes: { ...user.attributes }, challengeName: 'CUSTOM_CHALLENGE', session: results, clientMetadata: flow.clientMetadata ?? {}, userNotFound: false },
    response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: null },
  });
  if (!created) throw invalidParameter('CreateAuthChallenge lambda trigger is not configured for the user pool.');
  const pub: Record<string, string> = {};
  for (const [k, v] of Object.entries((created.publicChallengeParameters ?? {}) as Record<string, unknown>)) pub[k] = String(v);
  const priv: Record<string, string> = {};
  for (const [k, v] of Object.entries((created.privateChallengeParameters ?? {}) as Record<string, unknown>)) priv[k] = String(v);
  return challenge(flow, s, 'CUSTOM_CHALLENGE', { ...pub, USERNAME: user.username }, {
    custom: {
      results,
      privateParameters: priv,
      challengeMetadata: typeof created.challengeMetadata === 'string' ? created.challengeMetadata : undefined,
    },
  });
}

export async function answerCustomChallenge(flow: Flow, s: AuthSession, user: UserRecord, answer: string | undefined): Promise<AuthResponse> {
  if (answer === undefined) throw invalidParameter('Missing required parameter ANSWER');
  const verdict = await flow.ctx.triggers.run(flow.pool, 'verify-auth-challenge-response', 'VerifyAuthChallengeResponse_Authentication', {
    userName: user.username,
    clientId: flow.client.clientId,
    request: {
      userAttributes: { ...user.attributes },
      privateChallengeParameters: s.custom?.privateParameters ?? {},
      challengeAnswer: answer,
      clientMetadata: flow.clientMetadata ?? {},
      userNotFound: false,
    },
    response: { answerCorrect: false },
  });
  if (!verdict) throw invalidParameter('VerifyAuthChallengeResponse lambda trigger is not configured for the user pool.');
  const results = [
    ...(s.custom?.results ?? []),
    { challengeName: 'CUSTOM_CHALLENGE', challengeResult: verdict.answerCorrect === true, challengeMetadata: s.custom?.challengeMetadata },
  ];
  s.custom = { results };
  return defineNext(flow, s, user);
}
