import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/cognito/errors';
import { CognitoApi } from '../../src/cognito/api';
import { MAX_CLOCK_OFFSET_MS, ServerClock } from '../../src/cognito/clock';
import { OPERATION_EFFECTS, operationEffect } from '../../src/cognito/operations';
import { CognitoTransport, MAX_RESPONSE_BYTES, endpointFor, parseErrorCode, secretsOfRequest } from '../../src/cognito/transport';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from './helpers/scripted-http-server';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A transport against a scripted server, recording the backoff delays instead of waiting. */
async function setup(script: ScriptedReply[], opts: { maxRetries?: number; timeoutMs?: number; random?: () => number; clock?: ServerClock } = {}) {
  server = await startScriptedServer(script);
  const delays: number[] = [];
  const transport = new CognitoTransport({
    endpoint: server.endpoint,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...opts,
  });
  return { server, transport, delays };
}

function notAuthorized(message = 'Incorrect username or password.'): ScriptedReply {
  return {
    status: 400,
    headers: { 'x-amzn-ErrorType': 'NotAuthorizedException:', 'x-amzn-RequestId': 'req-123' },
    body: { __type: 'NotAuthorizedException', message },
  };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('endpointFor', () => {
  it('derives the regional endpoint from the user pool id', () => {
    expect(endpointFor('eu-west-2_eYpv1mFHB')).toBe('https://cognito-idp.eu-west-2.amazonaws.com/');
    expect(endpointFor('us-gov-west-1_abc')).toBe('https://cognito-idp.us-gov-west-1.amazonaws.com/');
  });

  it('uses the amazonaws.com.cn suffix for China regions', () => {
    expect(endpointFor('cn-north-1_AbC12')).toBe('https://cognito-idp.cn-north-1.amazonaws.com.cn/');
  });

  it('prefers and normalises an explicit http(s) endpoint', () => {
    expect(endpointFor('eu-west-2_x', 'http://127.0.0.1:9229')).toBe('http://127.0.0.1:9229/');
    expect(endpointFor('eu-west-2_x', 'https://proxy.example.com/cognito')).toBe('https://proxy.example.com/cognito');
  });

  it('rejects other schemes, credentials in the URL and malformed pool ids', () => {
    expect(() => endpointFor('eu-west-2_x', 'ftp://example.com/')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => endpointFor('eu-west-2_x', 'javascript:alert(1)')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => endpointFor('eu-west-2_x', 'https://user:pw@example.com/')).toThrow(/without user name or password/);
    expect(() => endpointFor('not a pool')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => endpointFor('EU.evil.com_abc')).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});

describe('CognitoTransport request', () => {
  it('POSTs the JSON body to / with exactly the two Cognito headers', async () => {
    const { server, transport } = await setup([{ status: 200, body: { ChallengeName: 'PASSWORD_VERIFIER' } }]);
    const body = { AuthFlow: 'USER_SRP_AUTH', ClientId: 'abc123', AuthParameters: { USERNAME: 'zoë', SRP_A: 'ff01' } };
    const result = await transport.call<{ ChallengeName: string }>('InitiateAuth', body);
    expect(result).toEqual({ ChallengeName: 'PASSWORD_VERIFIER' });
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/');
    expect(req.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(req.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(req.body).toBe(JSON.stringify(body));
    expect(Buffer.byteLength(req.body)).toBe(Number(req.headers['content-length']));
    // No signing, no credentials, no cookies.
    expect(req.headers['authorization']).toBeUndefined();
    expect(req.headers['cookie']).toBeUndefined();
  });

  it('rejects an operation name that would not form a valid X-Amz-Target', async () => {
    const { server, transport } = await setup([{ status: 200, body: {} }]);
    await expect(transport.call('Initiate Auth\r\nX: y', {})).rejects.toMatchObject({ code: 'validation' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('CognitoTransport retries', () => {
  it('retries a 500 and returns the following 200', async () => {
    const { server, transport, delays } = await setup([
      { status: 500, body: { __type: 'InternalErrorException', message: 'Internal error' } },
      { status: 200, body: { ok: 'yes' } },
    ]);
    await expect(transport.call('GetUser', { AccessToken: 'a.b.c' })).resolves.toEqual({ ok: 'yes' });
    expect(server.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(server.requests[1]!.body).toBe(server.requests[0]!.body);
  });

  it('retries 429 with full-jitter exponential backoff within its bounds', async () => {
    const { server, transport, delays } = await setup([{ status: 429, body: '' }, { status: 429, body: '' }, { status: 429, body: '' }, { status: 200, body: {} }]);
    await transport.call('GetUser', { AccessToken: 'a.b.c' });
    expect(server.requests).toHaveLength(4);
    expect(delays).toHaveLength(3);
    delays.forEach((d, retry) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(transport.backoffCeiling(retry));
    });
    expect([0, 1, 2].map((r) => transport.backoffCeiling(r))).toEqual([200, 400, 800]);
  });

  it('draws each delay uniformly below a doubling ceiling (deterministic random)', async () => {
    const { transport, delays } = await setup([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, body: {} }], { random: () => 0.5 });
    await transport.call('GetUser', { AccessToken: 'a.b.c' });
    expect(delays).toEqual([100, 200, 400]);
  });

  it('retries TooManyRequestsException even though Cognito sends it with status 400', async () => {
    const { server, transport } = await setup([
      { status: 400, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } },
      { status: 200, body: {} },
    ]);
    await transport.call('InitiateAuth', {});
    expect(server.requests).toHaveLength(2);
  });

  it('retries the generic ThrottlingException code', async () => {
    const { server, transport } = await setup([{ status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } }, { status: 200, body: {} }]);
    await transport.call('InitiateAuth', {});
    expect(server.requests).toHaveLength(2);
  });

  it('never retries NotAuthorizedException (lockouts count every attempt)', async () => {
    const { server, transport, delays } = await setup([notAuthorized(), { status: 200, body: {} }]);
    const e = await failure(transport.call('InitiateAuth', {}));
    expect(e).toMatchObject({ exception: 'NotAuthorizedException' });
    expect(server.requests).toHaveLength(1);
    expect(delays).toHaveLength(0);
  });

  it('never retries CodeMismatchException', async () => {
    const { server, transport } = await setup([{ status: 400, body: { __type: 'CodeMismatchException', message: 'Invalid code received for user' } }, { status: 200, body: {} }]);
    await expect(transport.call('RespondToAuthChallenge', {})).rejects.toMatchObject({ exception: 'CodeMismatchException' });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const { server, transport, delays } = await setup([{ status: 500, body: { __type: 'InternalErrorException', message: 'boom' } }], { maxRetries: 2 });
    const e = await failure(transport.call('GetUser', {}));
    expect(e).toMatchObject({ exception: 'InternalErrorException' });
    expect((e as AppError).details.status).toBe(500);
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it('turns a hanging server into a transport error (timeout) after all retries', async () => {
    const { server, transport, delays } = await setup([{ hang: true }], { timeoutMs: 150, maxRetries: 2 });
    const started = Date.now();
    const e = await failure(transport.call('GetUser', {}));
    expect(e).toMatchObject({ code: 'transport' });
    expect((e as AppError).details.transport).toBe('timeout');
    expect((e as AppError).details.attempts).toBe(3);
    expect((e as AppError).retryable).toBe(true);
    expect((e as AppError).message).toMatch(/GetUser: no answer from 127\.0\.0\.1:\d+ in time after 3 attempts/);
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 20);
  });

  it('retries network failures and reports them as AppError(network)', async () => {
    const { server, transport } = await setup([{ status: 200, body: {} }], { maxRetries: 1 });
    await server.close(); // nothing listens on the port any more
    const e = await failure(transport.call('GetUser', {}));
    expect(e).toMatchObject({ code: 'transport' });
    expect((e as AppError).details.transport).toBe('network');
    expect((e as AppError).details.attempts).toBe(2);
    expect((e as AppError).message).toMatch(/could not reach 127\.0\.0\.1/);
  });

  it('does not follow redirects (they would re-post secrets elsewhere)', async () => {
    const { server, transport } = await setup([{ status: 307, headers: { Location: 'http://127.0.0.1:9/' } }]);
    const e = await failure(transport.call('InitiateAuth', { AuthParameters: { PASSWORD: 'hunter2!' } }));
    expect(e).toMatchObject({ code: 'transport' });
    expect((e as AppError).details.transport).toBe('redirect');
    expect(server.requests).toHaveLength(1);
  });

  it('stops when the caller aborts', async () => {
    const { server, transport } = await setup([{ hang: true }], { timeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const e = await failure(transport.call('GetUser', {}, { signal: controller.signal }));
    expect(e).toMatchObject({ code: 'transport' });
    expect((e as AppError).details.transport).toBe('aborted');
    expect(server.requests).toHaveLength(1);
  });
});

describe('CognitoTransport responses', () => {
  it('turns a non-JSON 200 into a malformed-response error without retrying', async () => {
    const { server, transport } = await setup([{ status: 200, body: '<html>hello</html>' }]);
    const e = await failure(transport.call('GetUser', {}));
    expect(e).toMatchObject({ code: 'malformed-response' });
    expect((e as AppError).details.field).toBe('(body)');
    expect((e as Error).message).toBe('GetUser returned an unusable response: (body) is not JSON.');
    expect(server.requests).toHaveLength(1);
  });

  it('turns a JSON 200 that is not an object into a malformed-response error', async () => {
    for (const body of ['[1,2]', 'null', '"text"', '']) {
      const { transport } = await setup([{ status: 200, body }]);
      await expect(transport.call('GetUser', {})).rejects.toMatchObject({ code: 'malformed-response' });
      await server?.close();
      server = undefined;
    }
  });

  it('parses Cognito error responses into typed errors with message, status and request id', async () => {
    const { transport } = await setup([notAuthorized()]);
    const e = (await failure(transport.call('InitiateAuth', {}))) as AppError;
    expect(e).toMatchObject({ exception: 'NotAuthorizedException' });
    expect(e).toMatchObject({ exception: expect.any(String) });
    expect(e.exception).toBe('NotAuthorizedException');
    expect(e.message).toBe('Incorrect username or password.');
    expect(e.details.status).toBe(400);
    expect(e.details.requestId).toBe('req-123');
    expect(e.retryable).toBe(false);
    expect(e.code).toBe('incorrect-password');
  });

  it('takes the code from the x-amzn-ErrorType header alone (empty body), cut at ":"', async () => {
    const { transport } = await setup([
      {
        status: 400,
        headers: {
          'x-amzn-ErrorType': 'UserNotFoundException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/',
          'x-amzn-ErrorMessage': 'User does not exist.',
        },
        body: '',
      },
    ]);
    const e = (await failure(transport.call('InitiateAuth', {}))) as AppError;
    expect(e).toMatchObject({ exception: 'UserNotFoundException' });
    expect(e.code).toBe('user-not-found');
    expect(e.message).toBe('User does not exist.');
  });

  it('reads a namespaced __type ("…#Code") and a capitalised Message', async () => {
    const { transport } = await setup([
      { status: 400, body: { __type: 'com.amazonaws.cognito.identity.idp.model#ResourceNotFoundException', Message: 'Device does not exist.' } },
    ]);
    const e = (await failure(transport.call('ConfirmDevice', {}))) as AppError;
    expect(e).toMatchObject({ exception: 'ResourceNotFoundException' });
    expect(e.exception).toBe('ResourceNotFoundException');
    expect(e.message).toBe('Device does not exist.');
    expect(e.code).toBe('device-not-found');
  });

  it('reads a body `code` field', async () => {
    const { transport } = await setup([{ status: 400, body: { code: 'TooManyRequestsException', message: 'slow down' } }], { maxRetries: 0 });
    await expect(transport.call('InitiateAuth', {})).rejects.toMatchObject({ exception: 'TooManyRequestsException' });
  });

  it('classifies an error without any code by its status', async () => {
    const { transport } = await setup([{ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<h1>Bad gateway</h1>' }], { maxRetries: 0 });
    // A read: a state-changing call would get OutcomeUnknown around it (see the replay tests).
    const e = (await failure(transport.call('GetUser', {}))) as AppError;
    expect(e.code).toBe('service-error');
    expect(e.exception).toBe('HTTP502');
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/^HTTP 502 Bad Gateway from 127\.0\.0\.1:\d+ without an error message$/);
  });

  it('never puts a secret of the request into an error message, even if the server echoes it', async () => {
    const password = 'Correct-Horse-Battery-9';
    const refresh = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.secret.part';
    const { transport } = await setup([
      { status: 400, body: { __type: 'InvalidParameterException', message: `Value '${password}' at 'authParameters' failed; token ${refresh}` } },
    ]);
    const e = (await failure(
      transport.call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'abc', AuthParameters: { USERNAME: 'alice', PASSWORD: password, REFRESH_TOKEN: refresh } }),
    )) as AppError;
    const everything = `${e.message} ${JSON.stringify(e.details)} ${JSON.stringify(e)} ${String(e)}`;
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(refresh);
    expect(e.message).toContain('[redacted]');
  });

});

describe('CognitoTransport and the server clock', () => {

  it('learns the offset from the Date header of a well-formed success', async () => {
    const clock = new ServerClock();
    const { transport } = await setup([{ status: 200, dateOffsetMs: 5 * 60_000, body: {} }], { clock }); // five minutes ahead
    await transport.call('GetUser', {});
    expect(transport.clock).toBe(clock);
    expect(Math.abs(clock.offsetMs - 5 * 60_000)).toBeLessThan(2_000);
    expect(clock.lastObservation).toMatchObject({ applied: true });
  });

  it('learns nothing from an error answer, a 5xx, a non-JSON 2xx or an answer that is not an object', async () => {
    for (const reply of [
      { ...notAuthorized(), dateOffsetMs: -10 * 60_000 },
      { status: 503, dateOffsetMs: -10 * 60_000, body: '<h1>proxy</h1>' },
      { status: 200, dateOffsetMs: -10 * 60_000, body: '<html>captive portal</html>' },
      { status: 200, dateOffsetMs: -10 * 60_000, body: '[]' },
    ]) {
      const clock = new ServerClock(1_000);
      const { transport } = await setup([reply], { clock, maxRetries: 0 });
      await expect(transport.call('InitiateAuth', {})).rejects.toBeDefined();
      expect(clock.offsetMs).toBe(1_000);
      expect(clock.lastObservation).toBeUndefined();
      await server?.close();
      server = undefined;
    }
  });

  it('does not apply an offset beyond MAX_CLOCK_OFFSET_MS, and reports it as not applied', async () => {
    const clock = new ServerClock(2_000);
    const { transport } = await setup([{ status: 200, dateOffsetMs: MAX_CLOCK_OFFSET_MS + 60_000, body: {} }], { clock });
    await transport.call('GetUser', {});
    expect(clock.offsetMs).toBe(2_000);
    expect(clock.lastObservation?.applied).toBe(false);
    expect(Math.abs(clock.lastObservation!.offsetMs - (MAX_CLOCK_OFFSET_MS + 60_000))).toBeLessThan(2_000);
  });
});

describe('CognitoTransport never replays a call that may have changed state', () => {
  const internal = { status: 500, body: { __type: 'InternalErrorException', message: 'Internal error' } };

  it('a 500 to RespondToAuthChallenge is not sent again: OutcomeUnknown, with the server\'s answer as cause', async () => {
    const { server, transport, delays } = await setup([internal, { status: 200, body: {} }]);
    const e = (await failure(transport.call('RespondToAuthChallenge', { ChallengeResponses: { SOFTWARE_TOKEN_MFA_CODE: '123456' } }))) as AppError;
    expect(e).toMatchObject({ code: 'outcome-unknown' });
    expect(e.code).toBe('outcome-unknown');
    expect(e.cause).toMatchObject({ exception: 'InternalErrorException' });
    expect(e.message).toMatch(/^RespondToAuthChallenge: no usable answer from 127\.0\.0\.1:\d+ \(InternalErrorException, HTTP 500: Internal error\); the request may have reached Cognito/);
    expect(server.requests).toHaveLength(1);
    expect(delays).toHaveLength(0);
  });

  it('a connection dropped after the request was read is not sent again for RespondToAuthChallenge', async () => {
    const { server, transport } = await setup([{ drop: true }, { status: 200, body: {} }]);
    const e = await failure(transport.call('RespondToAuthChallenge', {}));
    expect(e).toMatchObject({ code: 'outcome-unknown' });
    expect((e as AppError).cause).toMatchObject({ code: 'transport' });
    expect(server.requests).toHaveLength(1);
  });

  it('a timeout of VerifySoftwareToken is not sent again', async () => {
    const { server, transport } = await setup([{ hang: true }], { timeoutMs: 150 });
    const e = await failure(transport.call('VerifySoftwareToken', { UserCode: '123456' }));
    expect(e).toMatchObject({ code: 'outcome-unknown' });
    expect((e as Error).message).toMatch(/no answer from 127\.0\.0\.1:\d+ in time/);
    expect(server.requests).toHaveLength(1);
  });

  it.each(['AssociateSoftwareToken', 'ConfirmDevice', 'InitiateAuth', 'GetTokensFromRefreshToken', 'an operation the table does not know'.replace(/ /g, '')])(
    '%s (state-changing) is not sent again after a 500', async (operation) => {
      const { server, transport } = await setup([internal, { status: 200, body: {} }]);
      await expect(transport.call(operation, {})).rejects.toMatchObject({ code: 'outcome-unknown' });
      expect(server.requests).toHaveLength(1);
    });

  it('reads (GetUser, ListDevices) are asked again after a 500 and after a dropped connection', async () => {
    for (const operation of ['GetUser', 'ListDevices']) {
      const { server: s, transport } = await setup([internal, { drop: true }, { status: 200, body: { Devices: [] } }]);
      await expect(transport.call(operation, {})).resolves.toEqual({ Devices: [] });
      expect(s.requests).toHaveLength(3);
      await s.close();
      server = undefined;
    }
  });

  it('a state-changing call is sent again after throttling (TooManyRequestsException, ThrottlingException, 429)', async () => {
    const { server, transport } = await setup([
      { status: 400, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } },
      { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } },
      { status: 429, body: '' },
      { status: 200, body: { ChallengeName: 'SOFTWARE_TOKEN_MFA' } },
    ]);
    await expect(transport.call('RespondToAuthChallenge', {})).resolves.toEqual({ ChallengeName: 'SOFTWARE_TOKEN_MFA' });
    expect(server.requests).toHaveLength(4);
  });

  it('a state-changing call is sent again when the connection never opened (ECONNREFUSED), and says it was not sent', async () => {
    const { server, transport, delays } = await setup([{ status: 200, body: {} }], { maxRetries: 2 });
    await server.close(); // nothing listens on the port any more: every connect is refused
    const e = (await failure(transport.call('RespondToAuthChallenge', {}))) as AppError;
    expect(e).toMatchObject({ code: 'transport' });
    expect(e.details.transport).toBe('network');
    expect(e.details.requestNotSent).toBe(true);
    expect(e.details.attempts).toBe(3);
    expect(delays).toHaveLength(2);
  });

  it('through CognitoApi: RespondToAuthChallenge is sent once after a 500, ListDevices again after a drop', async () => {
    const { server: s1, transport: t1 } = await setup([internal, { status: 200, body: {} }]);
    const api1 = new CognitoApi(t1);
    await expect(api1.respondToAuthChallenge({ ClientId: 'abc123', ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's'.repeat(40), ChallengeResponses: { USERNAME: 'a', SOFTWARE_TOKEN_MFA_CODE: '123456' } }))
      .rejects.toMatchObject({ code: 'outcome-unknown' });
    expect(s1.requests).toHaveLength(1);
    await s1.close();
    const { server: s2, transport: t2 } = await setup([{ drop: true }, { status: 200, body: { Devices: [] } }]);
    await expect(new CognitoApi(t2).listDevices({ AccessToken: 'a.b.c' })).resolves.toEqual({ Devices: [] });
    expect(s2.requests).toHaveLength(2);
  });

  it('the table classifies every operation; only GetUser, GetDevice and ListDevices are reads', () => {
    const reads = Object.entries(OPERATION_EFFECTS).filter(([, effect]) => effect === 'read').map(([op]) => op);
    expect(reads.sort()).toEqual(['GetDevice', 'GetUser', 'ListDevices']);
    // Every method of CognitoApi sends an operation of the table (send() only takes those).
    const methods = Object.getOwnPropertyNames(CognitoApi.prototype).filter((m) => m !== 'constructor' && m !== 'send');
    const asOperation = (m: string) => m[0]!.toUpperCase() + m.slice(1).replace(/Mfa/, 'MFA');
    for (const m of methods) expect(Object.keys(OPERATION_EFFECTS)).toContain(asOperation(m));
    expect(operationEffect('constructor')).toBe('state-changing');
  });
});

describe('CognitoTransport reads answers up to MAX_RESPONSE_BYTES', () => {
  it('an endless body is cut off: ResponseTooLarge, the connection dropped, not sent again', async () => {
    const { server, transport } = await setup([{ endless: `{"Devices":[${'{"DeviceKey":"x"},'.repeat(1000)}` }], { timeoutMs: 60_000 });
    const e = (await failure(transport.call('ListDevices', {}))) as AppError;
    expect(e).toMatchObject({ code: 'response-too-large' });
    expect(e.code).toBe('response-too-large');
    expect(e.details.limitBytes).toBe(MAX_RESPONSE_BYTES);
    await server.endlessClosed; // the client went away: the server stops writing
    // What the server got rid of: the cap plus what the sockets' buffers held, not more.
    expect(server.endlessBytesSent()).toBeLessThan(MAX_RESPONSE_BYTES + 16 * 1024 * 1024);
    expect(server.requests).toHaveLength(1);
  });

  it('a declared Content-Length beyond the cap is refused', async () => {
    const { transport } = await setup([{ status: 200, body: `{"a":"${'x'.repeat(MAX_RESPONSE_BYTES)}"}` }]);
    await expect(transport.call('GetUser', {})).rejects.toMatchObject({ code: 'response-too-large' });
  });

  it('an answer just under the cap (ListDevices of 60 devices is far smaller) is read whole', async () => {
    const padding = 'd'.repeat(MAX_RESPONSE_BYTES - 100);
    const { transport } = await setup([{ status: 200, body: { Devices: [{ DeviceKey: padding }] } }]);
    const result = await transport.call<{ Devices: { DeviceKey: string }[] }>('ListDevices', {});
    expect(result.Devices[0]!.DeviceKey).toBe(padding);
  });
});

describe('helpers', () => {
  it('parseErrorCode follows the order header, code, __type and cuts at ":" "," and after "#"', () => {
    expect(parseErrorCode('NotAuthorizedException:', { __type: 'Other' })).toBe('NotAuthorizedException');
    expect(parseErrorCode(null, { code: 'A,B', __type: 'Other' })).toBe('A');
    expect(parseErrorCode(null, { __type: 'ns.model#CodeMismatchException:extra' })).toBe('CodeMismatchException');
    expect(parseErrorCode(null, {})).toBeUndefined();
    expect(parseErrorCode('<html>', null)).toBeUndefined();
  });

  it('secretsOfRequest finds secret fields but leaves identifiers alone', () => {
    const secrets = secretsOfRequest({
      ClientId: 'client1',
      Session: 'session-value-0123456789',
      ChallengeName: 'SELECT_CHALLENGE',
      ChallengeResponses: { USERNAME: 'alice', ANSWER: 'PASSWORD', PASSWORD: 'pw-value', SECRET_HASH: 'hash-value' },
    });
    expect(secrets.sort()).toEqual(['hash-value', 'pw-value', 'session-value-0123456789']);
    expect(secretsOfRequest({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeResponses: { USERNAME: 'bob', ANSWER: 'my-answer' } })).toEqual(['my-answer']);
  });

  it('requires an endpoint or a region', () => {
    expect(() => new CognitoTransport({})).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(new CognitoTransport({ region: 'cn-northwest-1' }).endpoint).toBe('https://cognito-idp.cn-northwest-1.amazonaws.com.cn/');
  });
});
