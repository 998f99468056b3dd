// The engine against a hostile Cognito-like server: a small real HTTP server in this file that
// answers each call as an attacker would (SELECT_CHALLENGE offering only PASSWORD to an SRP
// sign-in, an MFA challenge before any password, a device challenge with no device, endless
// custom challenges, megabyte challenge names). Every request it receives is kept, so each test
// can check what the engine gave away: the saved password, a TOTP code, a device proof.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoApi } from '../../src/cognito/api';
import { ServerClock } from '../../src/cognito/clock';
import { CognitoTransport } from '../../src/cognito/transport';
import { startSignIn, continueSignIn } from '../../src/cognito/engine';
import { MAX_CHALLENGE_STEPS } from '../../src/cognito/engine/challenge-order';
import { SERVER_TEXT_MAX } from '../../src/cognito/engine/server-text';
import type { EngineDeps, FlowEvent, FlowOutcome, SignInRequest, SignInSecrets } from '../../src/cognito/engine/types';
import { totpCode } from '../../src/otp/totp';

const POOL_ID = 'us-east-1_Hostile1';
const CLIENT_ID = 'hostileclient1';
const SAVED_PASSWORD = 'Saved-password-9-never-plain';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const DEVICE = { deviceKey: 'us-east-1_0123abcd-0000-4000-8000-000000000001', deviceGroupKey: '-abcDEF123', devicePassword: 'device-password-secret-xyz' };
const SESSION = 'AYABsession-'.padEnd(40, 'x');

interface Received {
  operation: string;
  body: Record<string, unknown>;
  raw: string;
}

/** What the server answers to one call (the operation name and request body are given); `__status` sets the HTTP status. */
type Script = (operation: string, body: Record<string, unknown>) => Record<string, unknown>;

let server: Server;
let endpoint: string;
let script: Script;
let received: Received[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', '');
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ operation, body, raw });
      const { __status: status = 200, ...answer } = script(operation, body);
      res.writeHead(status as number, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

function deps(events: FlowEvent[] = []): EngineDeps {
  const clock = new ServerClock();
  const api = new CognitoApi(new CognitoTransport({ endpoint, clock, maxRetries: 0 }));
  return { api, clock, totp: (secret, nowMs) => totpCode(secret, {}, nowMs), onEvent: (e) => events.push(e) };
}

function req(extra: Partial<SignInRequest> = {}, autoAnswer = true): SignInRequest {
  return {
    client: { userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint },
    username: 'alice',
    policy: { autoAnswer, rememberDevice: true, deviceName: 'hostile test' },
    ...extra,
  };
}

const selectOnlyPassword = { ChallengeName: 'SELECT_CHALLENGE', Session: SESSION, ChallengeParameters: {}, AvailableChallenges: ['PASSWORD'] };

/** Nothing the engine sent held a secret it was given (the password, a TOTP code, the device password). */
function expectNoSecretSent(secrets: SignInSecrets = { password: SAVED_PASSWORD }): void {
  const all = received.map((r) => r.raw).join('\n');
  if (secrets.password) expect(all).not.toContain(secrets.password);
  if (secrets.device) expect(all).not.toContain(secrets.device.devicePassword);
  for (const r of received) {
    const responses = (r.body.ChallengeResponses ?? {}) as Record<string, string>;
    expect(Object.keys(responses)).not.toContain('PASSWORD');
    expect(Object.keys(responses)).not.toContain('SOFTWARE_TOKEN_MFA_CODE');
    expect(Object.keys(responses)).not.toContain('PASSWORD_CLAIM_SIGNATURE');
  }
}

async function rejection(p: Promise<FlowOutcome>): Promise<Error & { code: string }> {
  try {
    await p;
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('the sign-in did not fail');
}

/** An unsigned JWT carrying `claims` (the engine reads claims without verifying them). */
const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

/** A server that asks for MFA_SETUP at once, accepts the TOTP code, and signs in with these token claims. */
function mfaSetupScript(accessClaims: object, idClaims: object = {}): Script {
  return (operation) => {
    switch (operation) {
      case 'InitiateAuth':
        return { ChallengeName: 'MFA_SETUP', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice', MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } };
      case 'AssociateSoftwareToken':
        return { SecretCode: TOTP_SECRET, Session: SESSION };
      case 'VerifySoftwareToken':
        return { Status: 'SUCCESS', Session: SESSION };
      case 'RespondToAuthChallenge':
        return { ChallengeParameters: {}, AuthenticationResult: { AccessToken: jwt(accessClaims), IdToken: jwt(idClaims), ExpiresIn: 3600, TokenType: 'Bearer' } };
      default:
        return {};
    }
  };
}

describe('no downgrade from SRP', () => {
  it('USER_SRP_AUTH answered with SELECT_CHALLENGE offering only PASSWORD: UnexpectedChallenge, the password is not sent', async () => {
    script = () => selectOnlyPassword;
    const events: FlowEvent[] = [];
    const error = await rejection(startSignIn(deps(events), req(), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('UnexpectedChallenge');
    expect(error.message).toContain('SELECT_CHALLENGE');
    expect(error.message).toMatch(/unexpected/i);
    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
    expectNoSecretSent();
  });

  it('the same under "ask me first": no prompt, no password, the same error', async () => {
    script = () => selectOnlyPassword;
    const error = await rejection(startSignIn(deps(), req({}, false), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('UnexpectedChallenge');
    expectNoSecretSent();
  });

  it('USER_AUTH with a saved password: SELECT_CHALLENGE offering only PASSWORD is put to the person, the password is not sent', async () => {
    script = () => selectOnlyPassword;
    const out = await startSignIn(deps(), req({ flow: 'USER_AUTH' }), { password: SAVED_PASSWORD });
    expect(out.status).toBe('needs-input');
    if (out.status !== 'needs-input') return;
    expect(out.prompt).toMatchObject({ kind: 'select-challenge', options: ['PASSWORD'] });
    expect(out.events.map((e) => e.message).join('\n')).toMatch(/not sent in plaintext/);
    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
    expectNoSecretSent();
  });

  it('USER_AUTH preferring PASSWORD_SRP: a server asking for PASSWORD instead gets nothing', async () => {
    script = () => ({ ChallengeName: 'PASSWORD', Session: SESSION, ChallengeParameters: { USERNAME: 'alice' } });
    const error = await rejection(startSignIn(deps(), req({ flow: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' }), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('UnexpectedChallenge');
    expect(received).toHaveLength(1);
    expectNoSecretSent();
  });

  it('USER_SRP_AUTH answered with the PASSWORD challenge (in the API enum): refused, nothing sent', async () => {
    script = () => ({ ChallengeName: 'PASSWORD', Session: SESSION, ChallengeParameters: { USERNAME: 'alice' } });
    const error = await rejection(startSignIn(deps(), req(), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('UnexpectedChallenge');
    expectNoSecretSent();
  });

  it('PASSWORD_VERIFIER after USER_PASSWORD_AUTH (no SRP_A was sent) is refused', async () => {
    script = () => ({ ChallengeName: 'PASSWORD_VERIFIER', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice', SRP_B: 'ab', SALT: 'cd', SECRET_BLOCK: 'ef' } });
    const error = await rejection(startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('UnexpectedChallenge');
    expect(received).toHaveLength(1);
  });
});

describe('the code and the device answer only in their own step', () => {
  it('SOFTWARE_TOKEN_MFA before any password was verified: no TOTP code is sent', async () => {
    script = () => ({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice' } });
    const secrets = { password: SAVED_PASSWORD, totpSecret: TOTP_SECRET };
    const error = await rejection(startSignIn(deps(), req(), secrets));
    expect(error.code).toBe('UnexpectedChallenge');
    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
    expectNoSecretSent(secrets);
  });

  it('DEVICE_SRP_AUTH when the engine holds no device (so sent no DEVICE_KEY): refused', async () => {
    script = () => ({ ChallengeName: 'DEVICE_SRP_AUTH', Session: SESSION, ChallengeParameters: { USERNAME: 'alice' } });
    const error = await rejection(startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('UnexpectedChallenge');
    expect(received).toHaveLength(1);
  });

  it('DEVICE_PASSWORD_VERIFIER straight after InitiateAuth, with a device held: no device proof is sent', async () => {
    script = () => ({ ChallengeName: 'DEVICE_PASSWORD_VERIFIER', Session: SESSION, ChallengeParameters: { USERNAME: 'alice', SRP_B: 'ab', SALT: 'cd', SECRET_BLOCK: 'ef', DEVICE_KEY: DEVICE.deviceKey } });
    const secrets = { password: SAVED_PASSWORD, device: DEVICE };
    const error = await rejection(startSignIn(deps(), req(), secrets));
    expect(error.code).toBe('UnexpectedChallenge');
    expect(received).toHaveLength(1);
    expectNoSecretSent(secrets);
  });
});

describe('the client secret only as SECRET_HASH, where the reference puts it', () => {
  it('through MFA_SETUP: SECRET_HASH with InitiateAuth and every RespondToAuthChallenge, never elsewhere; the raw secret never', async () => {
    const clientSecret = 'raw-client-secret-never-on-the-wire-0123456789';
    script = mfaSetupScript({ username: 'alice' });
    const d = deps();
    const client = { userPoolId: POOL_ID, clientId: CLIENT_ID, clientSecret, endpoint };
    const first = await startSignIn(d, { ...req({ flow: 'USER_PASSWORD_AUTH' }), client }, { password: SAVED_PASSWORD });
    if (first.status !== 'needs-input') throw new Error('expected the MFA_SETUP prompt');
    const out = await continueSignIn(d, first.state, { kind: 'mfa-setup', approve: true }, { password: SAVED_PASSWORD });
    expect(out.status).toBe('signed-in');

    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'RespondToAuthChallenge', 'SetUserMFAPreference']);
    expect(received[3]!.body.ChallengeName).toBe('MFA_SETUP');
    for (const r of received) {
      expect(r.raw).not.toContain(clientSecret);
      const carrier = r.operation === 'InitiateAuth' ? r.body.AuthParameters : r.operation === 'RespondToAuthChallenge' ? r.body.ChallengeResponses : undefined;
      if (carrier) expect(Object.keys(carrier as object)).toContain('SECRET_HASH');
      else expect(r.raw).not.toContain('SECRET_HASH');
      // the TOTP code of the new secret goes to VerifySoftwareToken only
      if (r.operation !== 'VerifySoftwareToken') expect(Object.keys(r.body)).not.toContain('UserCode');
    }
  });
});

describe('budgets', () => {
  it('a USER_ID_FOR_SRP that is no Cognito username ends the sign-in as malformed, with a short message, nothing signed', async () => {
    script = () => ({ ChallengeName: 'PASSWORD_VERIFIER', Session: SESSION, ChallengeParameters: {
      USER_ID_FOR_SRP: 'v'.repeat(100_000), SALT: 'abcd', SRP_B: 'ff', SECRET_BLOCK: 'AAAA', USERNAME: 'alice' } });
    const error = await rejection(startSignIn(deps(), req(), { password: SAVED_PASSWORD }));
    expect(error.name).toBe('MalformedResponseError');
    expect(error.message.length).toBeLessThan(400);
    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
  });

  it('tokens naming a 100 000-character username after MFA_SETUP: signed in, the secret kept, the username not taken from them', async () => {
    const huge = 'u'.repeat(100_000);
    script = mfaSetupScript({ username: huge }, { 'cognito:username': huge });
    const d = deps();
    const first = await startSignIn(d, req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
    if (first.status !== 'needs-input') throw new Error('expected the MFA_SETUP prompt');
    const out = await continueSignIn(d, first.state, { kind: 'mfa-setup', approve: true }, { password: SAVED_PASSWORD });
    if (out.status !== 'signed-in') throw new Error('expected signed-in');
    expect(out.enrolledTotpSecret).toBe(TOTP_SECRET);
    expect(out.canonicalUsername).toBe('alice');
    expect(out.enrolledTotpUri).toContain('alice');
  });

  it(`a server that never stops asking ends the sign-in after ${MAX_CHALLENGE_STEPS} challenges`, async () => {
    script = () => ({ ChallengeName: 'CUSTOM_CHALLENGE', Session: SESSION, ChallengeParameters: { USERNAME: 'alice', question: 'again?' } });
    const d = deps();
    let outcome: FlowOutcome = await startSignIn(d, req({ flow: 'CUSTOM_AUTH' }), {});
    let answered = 0;
    const error = await rejection(
      (async () => {
        for (;;) {
          if (outcome.status !== 'needs-input') throw new Error('signed in?');
          if (answered > MAX_CHALLENGE_STEPS + 2) throw new Error('no cap on challenge steps');
          answered++;
          outcome = await continueSignIn(d, JSON.parse(JSON.stringify(outcome.state)), { kind: 'custom-challenge', answer: 'yes' }, {});
        }
      })(),
    );
    expect(error.code).toBe('ChallengeStepLimit');
    // InitiateAuth plus one answer for each of the challenges the cap allows
    expect(answered).toBe(MAX_CHALLENGE_STEPS);
    expect(received).toHaveLength(MAX_CHALLENGE_STEPS + 1);
  });

  it('a megabyte ChallengeName is cut in the error and in the events', async () => {
    const huge = `SELECT_CHALLENGE${'X'.repeat(1_000_000)}`;
    script = () => ({ ChallengeName: huge, Session: SESSION, ChallengeParameters: {} });
    const events: FlowEvent[] = [];
    const error = await rejection(startSignIn(deps(events), req(), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('UnsupportedChallenge');
    expect(error.message.length).toBeLessThan(SERVER_TEXT_MAX + 200);
    expect(error.message).toContain('(1000016 characters)');
    for (const e of events) expect(e.message.length).toBeLessThan(SERVER_TEXT_MAX + 200);
  });

  it('a known but unexpected challenge with a megabyte AvailableChallenges list: the message stays short', async () => {
    script = () => ({ ...selectOnlyPassword, AvailableChallenges: Array.from({ length: 5000 }, (_, i) => `${'Y'.repeat(300)}${i}`) });
    const out = await startSignIn(deps(), req({ flow: 'USER_AUTH' }), {}).catch((e: Error) => e);
    expect(out).toBeInstanceOf(Error);
    expect((out as Error).message.length).toBeLessThan(20 * (SERVER_TEXT_MAX + 40));
  });

  it("a megabyte error message for a person's wrong code is cut before it reaches the prompt", async () => {
    script = (operation) =>
      operation === 'InitiateAuth'
        ? { ChallengeName: 'SMS_MFA', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice', CODE_DELIVERY_DESTINATION: '+*******0123' } }
        : { __status: 400, __type: 'CodeMismatchException', message: `Invalid code ${'W'.repeat(1_000_000)}` };
    const d = deps();
    const first = await startSignIn(d, req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
    if (first.status !== 'needs-input') throw new Error('expected the code prompt');
    const again = await continueSignIn(d, first.state, { kind: 'sms-code', code: '123456' }, {});
    if (again.status !== 'needs-input') throw new Error('expected the prompt again');
    expect(again.prompt.error?.code).toBe('CodeMismatchException');
    expect(again.prompt.error!.message.length).toBeLessThan(SERVER_TEXT_MAX + 40);
    expect(JSON.stringify(again.state).length).toBeLessThan(10_000);
  });

  it('SELECT_MFA_TYPE offers the person only factors the engine can answer, each name bounded', async () => {
    const names = ['SMS_MFA', `EVIL${'Z'.repeat(100_000)}`, 'SOFTWARE_TOKEN_MFA'];
    script = (operation) =>
      operation === 'InitiateAuth'
        ? { ChallengeName: 'SELECT_MFA_TYPE', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice', MFAS_CAN_CHOOSE: JSON.stringify(names) } }
        : {};
    const out = await startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
    expect(out.status === 'needs-input' && out.prompt).toEqual({ kind: 'select-mfa-type', options: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] });
  });
});
