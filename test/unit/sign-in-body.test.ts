// The claim read from a page's Cognito request body: operation, ClientId, USERNAME and step name,
// nothing else; hostile or foreign bodies give nothing.
import { describe, expect, it } from 'vitest';
import { MAX_OBSERVED_BODY_BYTES, readSignInBody } from '../../src/background/page-watch/sign-in-body';

const raw = (body: unknown, split = 1) => {
  const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  const size = Math.ceil(bytes.length / split);
  return Array.from({ length: split }, (_, i) => ({ bytes: bytes.slice(i * size, (i + 1) * size).buffer }));
};

describe('readSignInBody', () => {
  it('reads InitiateAuth: client, typed username, flow; the password stays behind', () => {
    const claim = readSignInBody(raw({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client123', AuthParameters: { USERNAME: 'alice@example.com', PASSWORD: 'Sup3r-secret!' } }));
    expect(claim).toEqual({ operation: 'InitiateAuth', clientId: 'client123', step: 'USER_PASSWORD_AUTH', username: 'alice@example.com' });
    expect(JSON.stringify(claim)).not.toContain('Sup3r-secret!');
  });

  it('reads RespondToAuthChallenge: the canonical USERNAME, challenge name; no proof or code', () => {
    const claim = readSignInBody(raw({
      ChallengeName: 'PASSWORD_VERIFIER', ClientId: 'client123', Session: 'x'.repeat(40),
      ChallengeResponses: { USERNAME: 'b1c2-uuid', PASSWORD_CLAIM_SIGNATURE: 'c2lnbmF0dXJl', PASSWORD_CLAIM_SECRET_BLOCK: 'YmxvY2s=', TIMESTAMP: 'Sun Dec 6 17:00:00 UTC 2026' },
    }, 3));
    expect(claim).toEqual({ operation: 'RespondToAuthChallenge', clientId: 'client123', step: 'PASSWORD_VERIFIER', username: 'b1c2-uuid' });
  });

  it('gives nothing for other operations, non-JSON, bad client ids, files and oversized bodies', () => {
    expect(readSignInBody(raw({ ClientId: 'client123', Username: 'a', Password: 'p' }))).toBeUndefined(); // SignUp
    expect(readSignInBody(raw({ AccessToken: 'x' }))).toBeUndefined(); // GetUser
    expect(readSignInBody(raw('AuthFlow=USER_PASSWORD_AUTH'))).toBeUndefined();
    expect(readSignInBody(raw({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'bad client', AuthParameters: {} }))).toBeUndefined();
    expect(readSignInBody(raw({ AuthFlow: 'not a name', ClientId: 'c1', AuthParameters: {} }))).toBeUndefined();
    expect(readSignInBody([{}])).toBeUndefined();
    expect(readSignInBody(undefined)).toBeUndefined();
    expect(readSignInBody([{ bytes: new Uint8Array([0xff, 0xfe]).buffer }])).toBeUndefined();
    const huge = { AuthFlow: 'USER_SRP_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'a', pad: 'x'.repeat(MAX_OBSERVED_BODY_BYTES) } };
    expect(readSignInBody(raw(huge))).toBeUndefined();
  });

  it('drops a username that breaks the username rule but keeps the sign-in', () => {
    expect(readSignInBody(raw({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'has space' } })))
      .toEqual({ operation: 'InitiateAuth', clientId: 'c1', step: 'USER_SRP_AUTH' });
  });
});
