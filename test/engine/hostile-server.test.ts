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
import { PROMPT_PARAMETERS_MAX, SERVER_TEXT_MAX } from '../../src/cognito/engine/server-text';
import type { EngineDeps, FlowEvent, FlowOutcome, SignInRequest, SignInSecrets } from '../../src/cognito/engine/types';
import { totpCode } from '../../src/otp/totp';
import { SecretSchema } from '../../src/shared/account-schema';
import * as v from 'valibot';
import { textFieldsOf } from '../progress-events';

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

/** What the server answers to one call (the operation name and request body are given); `__status` sets the HTTP status, `__raw` the body as sent. */
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
      const { __status: status = 200, __raw: rawAnswer, ...answer } = script(operation, body);
      res.writeHead(status as number, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(typeof rawAnswer === 'string' ? rawAnswer : JSON.stringify(answer));
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
    expect(error.code).toBe('unexpected-challenge');
    expect(error.message).toContain('SELECT_CHALLENGE');
    expect(error.message).toMatch(/unexpected/i);
    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
    expectNoSecretSent();
  });

  it('the same under "ask me first": no prompt, no password, the same error', async () => {
    script = () => selectOnlyPassword;
    const error = await rejection(startSignIn(deps(), req({}, false), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('unexpected-challenge');
    expectNoSecretSent();
  });

  it('USER_AUTH with a saved password: SELECT_CHALLENGE offering only PASSWORD is put to the person, the password is not sent', async () => {
    script = () => selectOnlyPassword;
    const out = await startSignIn(deps(), req({ flow: 'USER_AUTH' }), { password: SAVED_PASSWORD });
    expect(out.status).toBe('needs-input');
    if (out.status !== 'needs-input') return;
    expect(out.prompt).toMatchObject({ kind: 'select-challenge', options: ['PASSWORD'] });
    expect(out.events).toContainEqual(expect.objectContaining({ kind: 'no-srp-offered', level: 'warning' }));
    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
    expectNoSecretSent();
  });

  it('USER_AUTH preferring PASSWORD_SRP: a server asking for PASSWORD instead gets nothing', async () => {
    script = () => ({ ChallengeName: 'PASSWORD', Session: SESSION, ChallengeParameters: { USERNAME: 'alice' } });
    const error = await rejection(startSignIn(deps(), req({ flow: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' }), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('unexpected-challenge');
    expect(received).toHaveLength(1);
    expectNoSecretSent();
  });

  it('USER_SRP_AUTH answered with the PASSWORD challenge (in the API enum): refused, nothing sent', async () => {
    script = () => ({ ChallengeName: 'PASSWORD', Session: SESSION, ChallengeParameters: { USERNAME: 'alice' } });
    const error = await rejection(startSignIn(deps(), req(), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('unexpected-challenge');
    expectNoSecretSent();
  });

  it('PASSWORD_VERIFIER after USER_PASSWORD_AUTH (no SRP_A was sent) is refused', async () => {
    script = () => ({ ChallengeName: 'PASSWORD_VERIFIER', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice', SRP_B: 'ab', SALT: 'cd', SECRET_BLOCK: 'ef' } });
    const error = await rejection(startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('unexpected-challenge');
    expect(received).toHaveLength(1);
  });
});

describe('the code and the device answer only in their own step', () => {
  it('SOFTWARE_TOKEN_MFA before any password was verified: no TOTP code is sent', async () => {
    script = () => ({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice' } });
    const secrets = { password: SAVED_PASSWORD, totpSecret: TOTP_SECRET };
    const error = await rejection(startSignIn(deps(), req(), secrets));
    expect(error.code).toBe('unexpected-challenge');
    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
    expectNoSecretSent(secrets);
  });

  it('DEVICE_SRP_AUTH when the engine holds no device (so sent no DEVICE_KEY): refused', async () => {
    script = () => ({ ChallengeName: 'DEVICE_SRP_AUTH', Session: SESSION, ChallengeParameters: { USERNAME: 'alice' } });
    const error = await rejection(startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('unexpected-challenge');
    expect(received).toHaveLength(1);
  });

  it('DEVICE_PASSWORD_VERIFIER straight after InitiateAuth, with a device held: no device proof is sent', async () => {
    script = () => ({ ChallengeName: 'DEVICE_PASSWORD_VERIFIER', Session: SESSION, ChallengeParameters: { USERNAME: 'alice', SRP_B: 'ab', SALT: 'cd', SECRET_BLOCK: 'ef', DEVICE_KEY: DEVICE.deviceKey } });
    const secrets = { password: SAVED_PASSWORD, device: DEVICE };
    const error = await rejection(startSignIn(deps(), req(), secrets));
    expect(error.code).toBe('unexpected-challenge');
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
    expect(error.code).toBe('malformed-response');
    expect(error.message.length).toBeLessThan(400);
    expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
  });

  // 20 000 characters: 150 times the username rule, and the tokens still within TOKEN_MAX_CHARS.
  it('tokens naming a 20 000-character username after MFA_SETUP: signed in, the secret kept, the username not taken from them', async () => {
    const huge = 'u'.repeat(20_000);
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
    expect(error.code).toBe('step-limit');
    // InitiateAuth plus one answer for each of the challenges the cap allows
    expect(answered).toBe(MAX_CHALLENGE_STEPS);
    expect(received).toHaveLength(MAX_CHALLENGE_STEPS + 1);
  });

  it('a megabyte ChallengeName is cut in the error and in the events', async () => {
    const huge = `SELECT_CHALLENGE${'X'.repeat(1_000_000)}`;
    script = () => ({ ChallengeName: huge, Session: SESSION, ChallengeParameters: {} });
    const events: FlowEvent[] = [];
    const error = await rejection(startSignIn(deps(events), req(), { password: SAVED_PASSWORD }));
    expect(error.code).toBe('unsupported-challenge');
    expect(error.message.length).toBeLessThan(SERVER_TEXT_MAX + 200);
    expect(error.message).toContain('(1000016 characters)');
    for (const e of events) for (const text of textFieldsOf(e)) expect(text.length).toBeLessThan(SERVER_TEXT_MAX + 200);
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
    expect(again.prompt.error?.exception).toBe('CodeMismatchException');
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

/** A sign-in (USER_PASSWORD_AUTH) that the server ends at once with this AuthenticationResult. */
function signedInWith(result: unknown): Script {
  return (operation) => (operation === 'InitiateAuth' ? { ChallengeParameters: {}, AuthenticationResult: result } : {});
}

const goodTokens = { AccessToken: jwt({ username: 'alice' }), IdToken: jwt({}), RefreshToken: 'refresh-token-1', ExpiresIn: 3600, TokenType: 'Bearer' };

describe('answers of the wrong shape', () => {
  it('custom challenge: the prompt gets a bounded number of parameters, each name and value cut; no prototype from __proto__', async () => {
    const parameters: Record<string, string> = { USERNAME: 'alice' };
    for (let i = 0; i < 1500; i++) parameters[`p${i}${'k'.repeat(200)}`] = 'v'.repeat(400);
    const raw = JSON.stringify({ ChallengeName: 'CUSTOM_CHALLENGE', Session: SESSION, ChallengeParameters: parameters })
      .replace('{"USERNAME":"alice"', '{"__proto__":"polluted","constructor":"x","USERNAME":"alice"');
    script = () => ({ __raw: raw });
    const out = await startSignIn(deps(), req({ flow: 'CUSTOM_AUTH' }), {});
    if (out.status !== 'needs-input' || out.prompt.kind !== 'custom-challenge') throw new Error('expected the custom-challenge prompt');
    const shown = out.prompt.parameters;
    expect(Object.keys(shown).length).toBeLessThanOrEqual(PROMPT_PARAMETERS_MAX);
    for (const [k, value] of Object.entries(shown)) {
      expect(k.length).toBeLessThan(SERVER_TEXT_MAX + 40);
      expect(value.length).toBeLessThan(SERVER_TEXT_MAX + 40);
    }
    // "__proto__" arrives as a parameter name and stays one: shown as such, the prototype untouched.
    expect(Object.getPrototypeOf(shown)).toBe(Object.prototype);
    expect(Object.hasOwn(shown, '__proto__') && shown['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  for (const [what, secretCode] of [
    ['not base32 (0, 1, 8, 9)', '0189018901890189018901890189'],
    ['empty', ''],
    ['a megabyte long', 'A'.repeat(1_000_000)],
    ['a number', 12345678901234567890],
  ] as const) {
    it(`AssociateSoftwareToken with a SecretCode ${what}: MalformedResponse, nothing kept, no code sent`, async () => {
      const base = mfaSetupScript({ username: 'alice' });
      script = (operation, body) => (operation === 'AssociateSoftwareToken' ? { SecretCode: secretCode, Session: SESSION } : base(operation, body));
      const pending: string[] = [];
      const d = { ...deps(), onTotpPending: async (s: string) => void pending.push(s) };
      const first = await startSignIn(d, req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
      if (first.status !== 'needs-input') throw new Error('expected the MFA_SETUP prompt');
      const error = await rejection(continueSignIn(d, first.state, { kind: 'mfa-setup', approve: true }, { password: SAVED_PASSWORD }));
      expect(error.code).toBe('malformed-response');
      expect(error.message).toContain('SecretCode');
      expect(error.message.length).toBeLessThan(300);
      expect(pending).toEqual([]);
      expect(received.map((r) => r.operation)).not.toContain('VerifySoftwareToken');
    });
  }

  for (const [what, metadata] of [
    ['a DeviceKey off the pattern', { DeviceKey: 'no underscore here', DeviceGroupKey: '-abcDEF123' }],
    ['a megabyte DeviceKey', { DeviceKey: `us-east-1_${'a'.repeat(1_000_000)}`, DeviceGroupKey: '-abcDEF123' }],
    ['a megabyte DeviceGroupKey', { DeviceKey: DEVICE.deviceKey, DeviceGroupKey: 'g'.repeat(1_000_000) }],
    ['a DeviceGroupKey with spaces and control characters', { DeviceKey: DEVICE.deviceKey, DeviceGroupKey: 'group\nkey two' }],
    ['a numeric DeviceKey', { DeviceKey: 42, DeviceGroupKey: '-abcDEF123' }],
    ['no DeviceGroupKey', { DeviceKey: 'eu-west-2_abc' }],
    ['an array', [DEVICE.deviceKey, '-abcDEF123']],
  ] as const) {
    it(`NewDeviceMetadata with ${what}: signed in, no ConfirmDevice, no device kept`, async () => {
      script = signedInWith({ ...goodTokens, NewDeviceMetadata: metadata });
      const out = await startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
      if (out.status !== 'signed-in') throw new Error('expected signed-in');
      expect(out.device).toBeUndefined();
      expect(received.map((r) => r.operation)).toEqual(['InitiateAuth']);
      for (const e of out.events) for (const text of textFieldsOf(e)) expect(text.length).toBeLessThan(SERVER_TEXT_MAX + 200);
    });
  }

  for (const [what, result, field] of [
    ['no AccessToken', { ...goodTokens, AccessToken: undefined }, 'AccessToken'],
    ['a numeric AccessToken', { ...goodTokens, AccessToken: 123 }, 'AccessToken'],
    ['a megabyte AccessToken', { ...goodTokens, AccessToken: `a.${'b'.repeat(1_000_000)}.c` }, 'AccessToken'],
    ['an IdToken with spaces and quotes', { ...goodTokens, IdToken: 'x" onload="y' }, 'IdToken'],
    ['a numeric RefreshToken', { ...goodTokens, RefreshToken: 42 }, 'RefreshToken'],
    ['a megabyte RefreshToken', { ...goodTokens, RefreshToken: 'r'.repeat(1_000_000) }, 'RefreshToken'],
    ['TokenType Basic', { ...goodTokens, TokenType: 'Basic' }, 'TokenType'],
    ['an array', [goodTokens], 'AuthenticationResult'],
  ] as const) {
    it(`AuthenticationResult with ${what}: MalformedResponse naming ${field}, short, no token in it`, async () => {
      script = signedInWith(result);
      const error = await rejection(startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD }));
      expect(error.code).toBe('malformed-response');
      expect(error.message).toContain(field);
      expect(error.message.length).toBeLessThan(300);
      for (const token of Object.values(Array.isArray(result) ? result[0]! : result)) {
        if (typeof token === 'string' && token.length > 8) expect(error.message).not.toContain(token.slice(0, 40));
      }
    });

    it(`GetTokensFromRefreshToken and REFRESH_TOKEN_AUTH answering ${what}: MalformedResponse naming ${field}`, async () => {
      const api = deps().api;
      script = (operation) => (operation === 'GetTokensFromRefreshToken' || operation === 'InitiateAuth' ? { AuthenticationResult: result } : {});
      const viaRefresh = await api.getTokensFromRefreshToken({ RefreshToken: 'refresh-token-1', ClientId: CLIENT_ID }).catch((e: Error & { code: string }) => e);
      const viaInitiate = await api.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT_ID, AuthParameters: { REFRESH_TOKEN: 'refresh-token-1' } })
        .catch((e: Error & { code: string }) => e);
      for (const e of [viaRefresh, viaInitiate]) {
        expect((e as { code?: string }).code).toBe('malformed-response');
        expect((e as Error).message).toContain(field);
      }
    });
  }

  it('ListDevices: Devices not a list, more devices than the page asked for, huge attribute values: MalformedResponse', async () => {
    const api = deps().api;
    const device = (i: number, value = 'phone') => ({ DeviceKey: `us-east-1_${i.toString(16)}`, DeviceAttributes: [{ Name: 'device_name', Value: value }] });
    for (const answer of [
      { Devices: { length: 1 } },
      { Devices: Array.from({ length: 10_000 }, (_, i) => device(i)) },
      { Devices: [device(1, 'n'.repeat(1_000_000))] },
      { Devices: [{ ...device(1), DeviceAttributes: [{ Name: 'x'.repeat(100_000), Value: 'a' }] }] },
      { Devices: [{ DeviceKey: 'k'.repeat(100_000) }] },
    ]) {
      script = () => answer;
      const e = await api.listDevices({ AccessToken: 'token', Limit: 60 }).catch((x: Error & { code: string }) => x);
      expect((e as { code?: string }).code).toBe('malformed-response');
      expect((e as Error).message.length).toBeLessThan(300);
    }
  });

  it('a code challenge with a megabyte CODE_DELIVERY_DESTINATION: the prompt and the events show it cut', async () => {
    script = (operation) =>
      operation === 'InitiateAuth'
        ? { ChallengeName: 'SMS_MFA', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice', CODE_DELIVERY_DESTINATION: `+*\n${'9'.repeat(1_000_000)}` } }
        : {};
    const events: FlowEvent[] = [];
    const out = await startSignIn(deps(events), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
    if (out.status !== 'needs-input' || out.prompt.kind !== 'sms-code') throw new Error('expected the code prompt');
    expect(out.prompt.destination!.length).toBeLessThan(SERVER_TEXT_MAX + 40);
    expect(out.prompt.destination).not.toContain('\n');
    for (const e of events) for (const text of textFieldsOf(e)) expect(text.length).toBeLessThan(SERVER_TEXT_MAX + 200);
  });

  for (const [what, raw] of [
    ['null', 'null'],
    ['an array', '[{"AuthenticationResult":{}}]'],
    ['a string', '"AuthenticationResult"'],
    ['an object whose __proto__ holds the tokens', `{"__proto__":{"AuthenticationResult":${JSON.stringify(goodTokens)}}}`],
    ['ChallengeParameters whose __proto__ is an object', `{"ChallengeName":"SMS_MFA","Session":"${SESSION}","ChallengeParameters":{"__proto__":{"CODE_DELIVERY_DESTINATION":"x"}}}`],
  ] as const) {
    it(`an InitiateAuth answer that is ${what}: MalformedResponse, nothing signed in`, async () => {
      script = () => ({ __raw: raw });
      const error = await rejection(startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD }));
      expect(error.code).toBe('malformed-response');
      expect(({} as Record<string, unknown>).AuthenticationResult).toBeUndefined();
    });
  }

  it('MFAS_CAN_CHOOSE and MFAS_CAN_SETUP repeating one name 40 000 times: each prompt names each factor once', async () => {
    const many = (name: string) => JSON.stringify([...Array.from({ length: 40_000 }, () => name), 'SOFTWARE_TOKEN_MFA']);
    script = () => ({ ChallengeName: 'SELECT_MFA_TYPE', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice', MFAS_CAN_CHOOSE: many('SMS_MFA') } });
    const choose = await startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
    expect(choose.status === 'needs-input' && choose.prompt).toEqual({ kind: 'select-mfa-type', options: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] });
    script = () => ({ ChallengeName: 'MFA_SETUP', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice', MFAS_CAN_SETUP: many('SOFTWARE_TOKEN_MFA') } });
    const setUp = await startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
    expect(setUp.status === 'needs-input' && setUp.prompt).toEqual({ kind: 'mfa-setup', methods: ['SOFTWARE_TOKEN_MFA'] });
  });

  for (const [what, required] of [
    [`${PROMPT_PARAMETERS_MAX + 1} different attributes`, Array.from({ length: PROMPT_PARAMETERS_MAX + 1 }, (_, i) => `userAttributes.custom:a${i}`)],
    ['a 100 000-character attribute name', ['userAttributes.email', `userAttributes.${'n'.repeat(100_000)}`]],
    ['an attribute name with a control character', ['userAttributes.na\u0000me']],
  ] as const) {
    it(`NEW_PASSWORD_REQUIRED whose requiredAttributes hold ${what}: MalformedResponse, short, no prompt`, async () => {
      script = () => ({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: SESSION,
        ChallengeParameters: { USER_ID_FOR_SRP: 'alice', userAttributes: '{}', requiredAttributes: JSON.stringify(required) } });
      const error = await rejection(startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD }));
      expect(error.code).toBe('malformed-response');
      expect(error.message).toContain('requiredAttributes');
      expect(error.message.length).toBeLessThan(300);
    });
  }

  it('NEW_PASSWORD_REQUIRED naming email 30 000 times, and __proto__ in userAttributes: the prompt asks for email once', async () => {
    script = () => ({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: SESSION, ChallengeParameters: { USER_ID_FOR_SRP: 'alice',
      userAttributes: '{"__proto__":{"email":"x"},"constructor":"y"}', requiredAttributes: JSON.stringify(Array.from({ length: 30_000 }, () => 'userAttributes.email')) } });
    const out = await startSignIn(deps(), req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
    expect(out.status === 'needs-input' && out.prompt).toEqual({ kind: 'new-password', requiredAttributes: ['email'] });
  });

  it('AssociateSoftwareToken with a lower-case SecretCode: kept and enrolled in the canonical form the vault accepts, the code made of the same key', async () => {
    const base = mfaSetupScript({ username: 'alice' });
    script = (operation, body) => (operation === 'AssociateSoftwareToken' ? { SecretCode: TOTP_SECRET.toLowerCase(), Session: SESSION } : base(operation, body));
    const pending: string[] = [];
    const d = { ...deps(), onTotpPending: async (secret: string) => void pending.push(secret) };
    const first = await startSignIn(d, req({ flow: 'USER_PASSWORD_AUTH' }), { password: SAVED_PASSWORD });
    if (first.status !== 'needs-input') throw new Error('expected the MFA_SETUP prompt');
    const out = await continueSignIn(d, first.state, { kind: 'mfa-setup', approve: true }, { password: SAVED_PASSWORD });
    if (out.status !== 'signed-in') throw new Error('expected signed-in');
    expect(pending).toEqual([TOTP_SECRET]);
    expect(out.enrolledTotpSecret).toBe(TOTP_SECRET);
    expect(v.is(SecretSchema, out.enrolledTotpSecret)).toBe(true);
    const verify = received.find((r) => r.operation === 'VerifySoftwareToken')!;
    expect(verify.body.UserCode).toBe(totpCode(TOTP_SECRET, {}, d.clock.now()));
  });
});
