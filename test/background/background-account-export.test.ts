// export-account through the router, over the in-memory browser storage: the vault password is
// checked again (a wrong one gets no secret), each kind of account exports an otpauth:// URI that
// reads back to the same secret and parameters, a Cognito account exports its TOTP secret only
// (never its device keys or password) and refuses when it holds none, a locked vault exports
// nothing, and nothing of it is ever stored in clear.
import { describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../src/otp/otpauth-uri';
import { expectNoPlaintext, memoryStores, startWorker } from './background-helpers';

const VAULT_PASSWORD = 'the vault password';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const COGNITO_TOTP = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA';
const COGNITO_PASSWORD = 'Cognito-P@ss-1';
const DEVICE = { deviceKey: 'eu-west-1_0c5a4a6e-1111-2222-3333-444455556666', deviceGroupKey: '-ABCdefGH', devicePassword: 'device-password-secret' };

async function vault() {
  const stores = memoryStores();
  const worker = startWorker(stores);
  expect(await worker.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
  const add = async (account: Record<string, unknown>) => {
    const answer = await worker.send({ type: 'add-account', account });
    expect(answer).toMatchObject({ ok: true });
    return answer.id as string;
  };
  const totp = await add({ kind: 'totp', label: 'me@example.com', issuer: 'Example Co', secret: TOTP_SECRET, algorithm: 'SHA256', digits: 8, period: 60 });
  const hotp = await add({ kind: 'hotp', label: 'bank', secret: HOTP_SECRET, algorithm: 'SHA1', digits: 6, counter: 7 });
  const cognito = await add({ kind: 'cognito', label: 'Pool', userPoolId: 'eu-west-1_Abc', clientId: 'cid', username: 'alice',
    policy: { autoAnswer: true, rememberDevice: true }, password: COGNITO_PASSWORD, totpSecret: COGNITO_TOTP });
  const cognitoBare = await add({ kind: 'cognito', label: 'Bare', userPoolId: 'eu-west-1_Abc', clientId: 'cid', username: 'bob',
    policy: { autoAnswer: true, rememberDevice: true } });
  await worker.ctx.accounts.setDevice(cognito, DEVICE);
  await worker.ctx.accounts.setDevice(cognitoBare, DEVICE);
  return { stores, ...worker, ids: { totp, hotp, cognito, cognitoBare } };
}

describe('export-account', () => {
  it('exports a TOTP account with its issuer and parameters, and an HOTP account at its next counter', async () => {
    const { send, ids } = await vault();
    const totp = await send({ type: 'export-account', id: ids.totp, password: VAULT_PASSWORD });
    expect(totp).toMatchObject({ ok: true });
    expect(parseOtpauthUri(totp.uri)).toMatchObject({ type: 'totp', issuer: 'Example Co', account: 'me@example.com', secret: TOTP_SECRET, algorithm: 'SHA256', digits: 8, period: 60 });
    const hotp = await send({ type: 'export-account', id: ids.hotp, password: VAULT_PASSWORD });
    expect(parseOtpauthUri(hotp.uri)).toMatchObject({ type: 'hotp', account: 'bank', secret: HOTP_SECRET, counter: 7 });
  });

  it('exports a Cognito account\'s TOTP secret as after MFA_SETUP, never its device keys or password', async () => {
    const { send, ids } = await vault();
    const answer = await send({ type: 'export-account', id: ids.cognito, password: VAULT_PASSWORD });
    expect(parseOtpauthUri(answer.uri)).toMatchObject({ type: 'totp', issuer: 'Cognito eu-west-1_Abc', account: 'alice', secret: COGNITO_TOTP, algorithm: 'SHA1', digits: 6, period: 30 });
    for (const never of [...Object.values(DEVICE), COGNITO_PASSWORD]) expect(JSON.stringify(answer)).not.toContain(never);
  });

  it('refuses a Cognito account without a TOTP secret, naming no secret', async () => {
    const { send, ids } = await vault();
    const answer = await send({ type: 'export-account', id: ids.cognitoBare, password: VAULT_PASSWORD });
    expect(answer).toMatchObject({ ok: false, error: { code: 'nothing-to-export' } });
    for (const never of Object.values(DEVICE)) expect(JSON.stringify(answer)).not.toContain(never);
  });

  it('gives nothing for a wrong vault password, an unknown account, or a locked vault', async () => {
    const { send, ids, stores } = await vault();
    for (const password of ['not the vault password', `${VAULT_PASSWORD} `]) {
      const answer = await send({ type: 'export-account', id: ids.totp, password });
      expect(answer).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
      expect(JSON.stringify(answer)).not.toContain(TOTP_SECRET);
    }
    expect(await send({ type: 'export-account', id: 'nope', password: VAULT_PASSWORD })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await send({ type: 'lock' })).toEqual({ ok: true });
    const locked = await send({ type: 'export-account', id: ids.totp, password: VAULT_PASSWORD });
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(JSON.stringify(locked)).not.toContain(TOTP_SECRET);
    expectNoPlaintext(stores, [TOTP_SECRET, HOTP_SECRET, COGNITO_TOTP, COGNITO_PASSWORD, DEVICE.devicePassword, VAULT_PASSWORD]);
  });
});
