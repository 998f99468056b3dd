// When two accounts are the same one (an import skips what the vault holds): the rule, and the
// store applying it to a whole import at once.
import { describe, expect, it } from 'vitest';
import { accountIdentity, type Account } from '../../src/background/accounts/model';
import { AccountStore } from '../../src/background/accounts/store';
import { Vault } from '../../src/background/vault/vault';
import { memoryStores } from '../background/background-helpers';

const cognito = (over: Partial<Extract<Account, { kind: 'cognito' }>> = {}): Account => ({
  kind: 'cognito', id: 'a', label: 'Work', userPoolId: 'us-east-1_Same12345', clientId: 'sameclient', username: 'alice',
  policy: { autoAnswer: true, rememberDevice: false }, secrets: {}, ...over,
});
const totp = (secret: string, over: Partial<Extract<Account, { kind: 'totp' }>> = {}): Account => ({
  kind: 'totp', id: 't', label: 'Code', secret, algorithm: 'SHA1', digits: 6, period: 30, ...over,
});
const hotp = (secret: string): Account => ({ kind: 'hotp', id: 'h', label: 'Code', secret, algorithm: 'SHA1', digits: 6, counter: 0 });

describe('accountIdentity', () => {
  it('ignores ids, labels, policies and secrets of a Cognito account; pool, client, user and endpoint count', () => {
    const base = accountIdentity(cognito());
    expect(accountIdentity(cognito({ id: 'b', label: 'Other', policy: { autoAnswer: false, rememberDevice: true }, secrets: { password: 'x' } }))).toBe(base);
    expect(accountIdentity(cognito({ endpoint: undefined }))).toBe(base);
    for (const other of [{ userPoolId: 'us-east-1_Other1234' }, { clientId: 'otherclient' }, { username: 'bob' }, { endpoint: 'http://127.0.0.1:9229/' }]) {
      expect(accountIdentity(cognito(other))).not.toBe(base);
    }
  });

  it('an OTP account is its kind and secret', () => {
    expect(accountIdentity(totp('JBSWY3DPEHPK3PXP', { id: 'x', label: 'Else', digits: 8 }))).toBe(accountIdentity(totp('JBSWY3DPEHPK3PXP')));
    expect(accountIdentity(totp('JBSWY3DPEHPK3PXP'))).not.toBe(accountIdentity(totp('KRSXG5CTMVRXEZLU')));
    expect(accountIdentity(totp('JBSWY3DPEHPK3PXP'))).not.toBe(accountIdentity(hotp('JBSWY3DPEHPK3PXP')));
  });
});

describe('AccountStore.addMissing', () => {
  it('skips what the vault holds and repeats within the import, and adds the rest', async () => {
    const vault = new Vault(memoryStores());
    await vault.create('long enough pw');
    const store = new AccountStore(vault);
    const first = await store.addMissing([totp('JBSWY3DPEHPK3PXP'), cognito()]);
    expect(first).toMatchObject({ added: 2, skipped: 0 });
    const again = [totp('JBSWY3DPEHPK3PXP', { label: 'Renamed' }), cognito({ label: 'Renamed' }), hotp('JBSWY3DPEHPK3PXP'), hotp('JBSWY3DPEHPK3PXP'), cognito({ username: 'bob' })];
    const second = await store.addMissing(again);
    expect(second).toMatchObject({ added: 2, skipped: 3 });
    // `ids`: each given account's id in the vault now, the one held for what was skipped.
    const [totpId, cognitoId] = first.ids;
    expect(second.ids.slice(0, 2)).toEqual([totpId, cognitoId]);
    expect(second.ids[2]).toBe(second.ids[3]);
    expect(new Set([...first.ids, second.ids[2], second.ids[4]]).size).toBe(4);
    expect((await store.list()).map((a) => a.id).sort()).toEqual([...first.ids, second.ids[2]!, second.ids[4]!].sort());
    expect((await store.list()).map((a) => `${a.kind}:${a.label}`).sort()).toEqual(['cognito:Work', 'cognito:Work', 'hotp:Code', 'totp:Code']);
  });
});
