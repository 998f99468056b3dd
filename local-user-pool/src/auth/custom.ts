/**
 * CUSTOM_AUTH: DefineAuthChallenge decides each step from the session's history,
 * CreateAuthChallenge makes the CUSTOM_CHALLENGE, VerifyAuthChallengeResponse judges the ANSWER.
 * With AuthParameters.CHALLENGE_NAME = "SRP_A" the history starts with SRP_A and Define normally
 * asks for PASSWORD_VERIFIER first.
 * An unknown user (PreventUserExistenceErrors ENABLED) runs the same triggers with
 * userNotFound: true, as the Lambda events do on AWS, and can never be issued tokens.
 */
import type { Flow, AuthResponse } from './flow.js';
import type { AuthSession } from '../sessions.js';
import type { UserRecord } from '../store.js';
import { INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../errors.js';
import { invalidLambdaResponse } from '../lambda-errors.js';
import { advance, challenge } from './advance.js';
import { beginSrp, fakeVerifier, passwordVerifierParameters } from './srp.js';

function requireTriggers(flow: Flow): void {
  if (!flow.ctx.triggers.has(flow.pool, 'define-auth-challenge'))
    throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
}

/** The event fields that say whose sign-in it is; for an unknown user, the name as typed. */
function whoIsSigningIn(s: AuthSession, user: UserRecord | undefined) {
  return {
    userName: user?.username ?? s.username,
    userAttributes: user ? { ...user.attributes } : {},
    userNotFound: !user,
  };
}

/** Calls DefineAuthChallenge with the session history and acts on its answer. */
export async function defineNext(flow: Flow, s: AuthSession, user: UserRecord | undefined, A?: bigint): Promise<AuthResponse> {
  requireTriggers(flow);
  const results = s.custom?.results ?? [];
  const { userName, userAttributes, userNotFound } = whoIsSigningIn(s, user);
  const define = await flow.ctx.triggers.run(flow.pool, 'define-auth-challenge', 'DefineAuthChallenge_Authentication', {
    userName,
    clientId: flow.client.clientId,
    request: { userAttributes, session: results, clientMetadata: flow.clientMetadata ?? {}, userNotFound },
    response: { challengeName: null, issueTokens: false, failAuthentication: false },
  });
  if (!define) throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  // an unknown user can never be issued tokens, whatever the trigger says
  if (define.failAuthentication === true || (define.issueTokens === true && !user)) {
    flow.ctx.sessions.end(s);
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  if (define.issueTokens === true && user) {
    s.mfaDone = true;
    return advance(flow, s, user);
  }
  const name = define.challengeName;
  if (name === 'PASSWORD_VERIFIER') {
    if (A === undefined || (user && !user.srp)) throw invalidParameter('PASSWORD_VERIFIER requires SRP_A in AuthParameters (CHALLENGE_NAME = SRP_A)');
    // an unknown user gets a stable fake verifier, so the challenge looks like a real one
    const verifier = user?.srp ?? fakeVerifier(flow, s.username);
    const srp = beginSrp(flow, A, verifier, 'user');
    return challenge(flow, s, 'PASSWORD_VERIFIER', passwordVerifierParameters(srp, verifier.saltHex, userName), { srp });
  }
  // a challenge name Cognito cannot issue here is output it does not recognise
  if (name !== 'CUSTOM_CHALLENGE') throw invalidLambdaResponse();
  const created = await flow.ctx.triggers.run(flow.pool, 'create-auth-challenge', 'CreateAuthChallenge_Authentication', {
    userName,
    clientId: flow.client.clientId,
    request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: results, clientMetadata: flow.clientMetadata ?? {}, userNotFound },
    response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: null },
  });
  if (!created) throw invalidParameter('CreateAuthChallenge lambda trigger is not configured for the user pool.');
  const pub: Record<string, string> = {};
  for (const [k, v] of Object.entries((created.publicChallengeParameters ?? {}) as Record<string, unknown>)) pub[k] = String(v);
  const priv: Record<string, string> = {};
  for (const [k, v] of Object.entries((created.privateChallengeParameters ?? {}) as Record<string, unknown>)) priv[k] = String(v);
  return challenge(flow, s, 'CUSTOM_CHALLENGE', { ...pub, USERNAME: userName }, {
    custom: {
      results,
      privateParameters: priv,
      challengeMetadata: typeof created.challengeMetadata === 'string' ? created.challengeMetadata : undefined,
    },
  });
}

export async function answerCustomChallenge(
  flow: Flow,
  s: AuthSession,
  user: UserRecord | undefined,
  answer: string | undefined,
): Promise<AuthResponse> {
  if (answer === undefined) throw invalidParameter('Missing required parameter ANSWER');
  const { userName, userAttributes, userNotFound } = whoIsSigningIn(s, user);
  const verdict = await flow.ctx.triggers.run(flow.pool, 'verify-auth-challenge-response', 'VerifyAuthChallengeResponse_Authentication', {
    userName,
    clientId: flow.client.clientId,
    request: {
      userAttributes,
      privateChallengeParameters: s.custom?.privateParameters ?? {},
      challengeAnswer: answer,
      clientMetadata: flow.clientMetadata ?? {},
      userNotFound,
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
