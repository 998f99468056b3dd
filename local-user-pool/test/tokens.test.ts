/** Tokens: JWKS accepted by aws-jwt-verify, claims, refresh, rotation, RevokeToken and GlobalSignOut. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { call, decodeClaims, makePool, makeUser, ok, srpSignIn, type TestPool } from './test-helpers.js';

let pool: LocalPool;
let p: TestPool;
beforeAll(async () => {
  pool = await startLocalPool({ port: 0 });
  p = await makePool(pool.endpoint);
  await makeUser(pool.endpoint, p, 'ivy', 'Passw0rd!', { email: 'ivy@example.com', email_verified: 'true' });
});
afterAll(() => pool.close());

async function signIn(client = p) {
  const r = await srpSignIn(pool.endpoint, client, 'ivy', 'Passw0rd!');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.AuthenticationResult as { AccessToken: string; IdToken: string; RefreshToken: string; ExpiresIn: number };
}

describe('JWTs', () => {
  it("carry Cognito's iss by default and pass aws-jwt-verify's CognitoJwtVerifier with the pool JWKS cached", async () => {
    const t = await signIn();
    const jwks = await (await fetch(`${pool.endpoint}${p.poolId}/.well-known/jwks.json`)).json();
    const region = p.poolId.split('_')[0]!;
    const issuer = `https://cognito-idp.${region}.amazonaws.com/${p.poolId}`;
    const access = CognitoJwtVerifier.create({ userPoolId: p.poolId, clientId: p.clientId, tokenUse: 'access' });
    access.cacheJwks(jwks as never);
    const ap = (await access.verify(t.AccessToken)) as Record<string, unknown>;
    expect(ap).toMatchObject({ token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'ivy', client_id: p.clientId, iss: issuer });
    const id = CognitoJwtVerifier.create({ userPoolId: p.poolId, clientId: p.clientId, tokenUse: 'id' });
    id.cacheJwks(jwks as never);
    const ip = (await id.verify(t.IdToken)) as Record<string, unknown>;
    expect(ip).toMatchObject({ token_use: 'id', 'cognito:username': 'ivy', email: 'ivy@example.com', email_verified: true, aud: p.clientId, iss: issuer });
    expect(ip.origin_jti).toBe(ap.origin_jti);
    expect(typeof ip.jti).toBe('string');
    expect((ip.exp as number) - (ip.iat as number)).toBe(3600);
    const tampered = t.IdToken.slice(0, -4) + (t.IdToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(id.verify(tampered)).rejects.toThrow();
    // another client of the pool, or the wrong token use, is refused as by Cognito's verifier
    const otherClient = CognitoJwtVerifier.create({ userPoolId: p.poolId, clientId: 'someotherclientid', tokenUse: 'access' });
    otherClient.cacheJwks(jwks as never);
    await expect(otherClient.verify(t.AccessToken)).rejects.toThrow();
    // what the pool describes is what it issues
    const openid = (await (await fetch(`${pool.endpoint}${p.poolId}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(openid.issuer).toBe(issuer);
    expect(openid.jwks_uri).toBe(`${pool.endpoint}${p.poolId}/.well-known/jwks.json`);
    expect((await ok(pool.endpoint, 'GetUser', { AccessToken: t.AccessToken })).Username).toBe('ivy');
  });

  it('with localIssuer carry the local URL as iss: a verifier for that issuer accepts them, CognitoJwtVerifier does not', async () => {
    const local = await startLocalPool({ port: 0, localIssuer: true });
    try {
      const lp = await makePool(local.endpoint);
      await makeUser(local.endpoint, lp, 'ivy', 'Passw0rd!');
      const r = await srpSignIn(local.endpoint, lp, 'ivy', 'Passw0rd!');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const t = r.body.AuthenticationResult as { AccessToken: string; IdToken: string };
      const issuer = `${local.endpoint}${lp.poolId}`;
      const openid = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
      expect(openid.issuer).toBe(issuer);
      const jwks = await (await fetch(openid.jwks_uri!)).json();
      // aws-jwt-verify fetches only over https, so hand it the JWKS served over http
      const access = JwtRsaVerifier.create({ issuer, audience: null, jwksUri: openid.jwks_uri!, tokenUse: 'access' } as never);
      access.cacheJwks(jwks as never);
      expect(await access.verify(t.AccessToken)).toMatchObject({ iss: issuer, client_id: lp.clientId });
      const id = JwtRsaVerifier.create({ issuer, audience: lp.clientId, jwksUri: openid.jwks_uri! });
      id.cacheJwks(jwks as never);
      expect(await id.verify(t.IdToken)).toMatchObject({ iss: issuer, aud: lp.clientId });
      const cognito = CognitoJwtVerifier.create({ userPoolId: lp.poolId, clientId: lp.clientId, tokenUse: 'access' });
      cognito.cacheJwks(jwks as never);
      await expect(cognito.verify(t.AccessToken)).rejects.toThrow(/issuer/i);
      expect((await ok(local.endpoint, 'GetUser', { AccessToken: t.AccessToken })).Username).toBe('ivy');
    } finally {
      await local.close();
    }
  });

  it('GetUser rejects a forged access token', async () => {
    const t = await signIn();
    const parts = t.AccessToken.split('.');
    const claims = decodeClaims(t.AccessToken);
    const forged = `${parts[0]}.${Buffer.from(JSON.stringify({ ...claims, username: 'root' })).toString('base64url')}.${parts[2]}`;
    expect((await call(pool.endpoint, 'GetUser', { AccessToken: forged })).body.message).toBe('Invalid Access Token');
    expect((await ok(pool.endpoint, 'GetUser', { AccessToken: t.AccessToken })).Username).toBe('ivy');
  });
});

describe('refresh and revocation', () => {
  it('REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken keep origin_jti; RevokeToken kills both', async () => {
    const t = await signIn();
    const viaInit = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN', ClientId: p.clientId, AuthParameters: { REFRESH_TOKEN: t.RefreshToken } });
    expect(viaInit.AuthenticationResult.RefreshToken).toBeUndefined();
    const viaGet = await ok(pool.endpoint, 'GetTokensFromRefreshToken', { ClientId: p.clientId, RefreshToken: t.RefreshToken });
    expect(decodeClaims(viaGet.AuthenticationResult.AccessToken).origin_jti).toBe(decodeClaims(t.AccessToken).origin_jti);
    await ok(pool.endpoint, 'RevokeToken', { ClientId: p.clientId, Token: t.RefreshToken });
    expect((await call(pool.endpoint, 'GetUser', { AccessToken: viaInit.AuthenticationResult.AccessToken })).body.message).toBe('Access Token has been revoked');
    expect((await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: p.clientId, AuthParameters: { REFRESH_TOKEN: t.RefreshToken } })).body.__type).toBe('NotAuthorizedException');
  });

  it('GlobalSignOut revokes every session of the user', async () => {
    const a = await signIn();
    const b = await signIn();
    await ok(pool.endpoint, 'GlobalSignOut', { AccessToken: a.AccessToken });
    for (const t of [a, b]) {
      expect((await call(pool.endpoint, 'GetUser', { AccessToken: t.AccessToken })).body).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has been revoked' });
      expect((await call(pool.endpoint, 'GetTokensFromRefreshToken', { ClientId: p.clientId, RefreshToken: t.RefreshToken })).body.__type).toBe('NotAuthorizedException');
    }
    const c = await signIn();
    expect((await ok(pool.endpoint, 'GetUser', { AccessToken: c.AccessToken })).Username).toBe('ivy');
  });

  it('rotation: a new refresh token each time, the old one refused after the grace period', async () => {
    const { UserPoolClient } = await ok(pool.endpoint, 'CreateUserPoolClient', { UserPoolId: p.poolId, ClientName: 'rot', RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } }, true);
    const rot: TestPool = { ...p, clientId: UserPoolClient.ClientId };
    const t = await signIn(rot);
    const legacy = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: rot.clientId, AuthParameters: { REFRESH_TOKEN: t.RefreshToken } });
    expect(legacy.body.__type).toBe('InvalidParameterException');
    const r1 = await ok(pool.endpoint, 'GetTokensFromRefreshToken', { ClientId: rot.clientId, RefreshToken: t.RefreshToken });
    expect(r1.AuthenticationResult.RefreshToken).toBeTruthy();
    expect(r1.AuthenticationResult.RefreshToken).not.toBe(t.RefreshToken);
    await new Promise((res) => setTimeout(res, 5));
    const reuse = await call(pool.endpoint, 'GetTokensFromRefreshToken', { ClientId: rot.clientId, RefreshToken: t.RefreshToken });
    expect(reuse.body.__type).toBe('RefreshTokenReuseException');
    await ok(pool.endpoint, 'GetTokensFromRefreshToken', { ClientId: rot.clientId, RefreshToken: r1.AuthenticationResult.RefreshToken });
  });

  it('a refresh token only works for the client that got it', async () => {
    const { UserPoolClient } = await ok(pool.endpoint, 'CreateUserPoolClient', { UserPoolId: p.poolId, ClientName: 'other' }, true);
    const t = await signIn();
    const r = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: UserPoolClient.ClientId, AuthParameters: { REFRESH_TOKEN: t.RefreshToken } });
    expect(r.body.message).toBe('Invalid Refresh Token');
  });
});
