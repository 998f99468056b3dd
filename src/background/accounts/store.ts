// CRUD over account records in the vault. Every write goes through Vault (encrypted); pages only
// ever get `summarize`d views.
import type { AccountInput, AccountPatch } from '../../shared/requests';
import type { CognitoSignIn } from '../../shared/site-binding';
import { invalid, notFound } from '../errors';
import { VaultCorruptError } from '../vault/format';
import { Vault, base64urlId } from '../vault/vault';
import {
  AccountSchema, StoredTokensSchema, accountIdentity, accountRecordId, admitAccount, tokensRecordId,
  type Account, type CognitoAccount, type StoredDevice, type StoredTokens,
} from './model';
import { normalizeSecretField } from './secrets';

export interface UnreadableRecord { recordId: string; error: VaultCorruptError }

/**
 * What a write did to where accounts are used: told after every write that adds, removes or
 * changes an account's site bindings or endpoint (the content script and the host permissions
 * follow them). `before`: the account as it was (undefined: it is new, or could not be read).
 * `after`: as it is now (undefined: removed).
 */
export interface AccountChange { before: Account | undefined; after: Account | undefined }
export type AccountsChanged = (changes: AccountChange[]) => Promise<void>;

export class AccountStore {
  private readonly listeners: AccountsChanged[] = [];

  constructor(private readonly vault: Vault) {}

  /** `listener` runs after each write that touches a binding or an endpoint; its failure does not undo the write. */
  onPlacesChanged(listener: AccountsChanged): void {
    this.listeners.push(listener);
  }

  /**
   * Every account, or the first unreadable record's VaultCorruptError (naming it): for callers
   * that must not go on with part of the vault (backup export).
   */
  async list(): Promise<Account[]> {
    const { accounts, unreadable } = await this.listReadable();
    if (unreadable[0]) throw unreadable[0].error;
    return accounts;
  }

  /**
   * The accounts that can be read, and the records that cannot: one damaged record must not
   * make the others unreachable (codes, sign-in, list). Anything but corruption (locked) throws.
   */
  async listReadable(): Promise<{ accounts: Account[]; unreadable: UnreadableRecord[] }> {
    const accounts: Account[] = [];
    const unreadable: UnreadableRecord[] = [];
    for (const { recordId, value, error } of await this.vault.readAll('account', AccountSchema)) {
      if (error) unreadable.push({ recordId, error });
      else accounts.push(value);
    }
    return { accounts: accounts.sort((a, b) => a.label.localeCompare(b.label)), unreadable };
  }

  /**
   * Every stored token set by account id, or the VaultCorruptError of a token record that cannot
   * be read: for listing all accounts with one read instead of one per account.
   */
  async allTokens(): Promise<Map<string, StoredTokens | VaultCorruptError>> {
    const out = new Map<string, StoredTokens | VaultCorruptError>();
    for (const { recordId, value, error } of await this.vault.readAll('tokens', StoredTokensSchema)) {
      out.set(recordId.slice(recordId.indexOf('.') + 1), error ?? value);
    }
    return out;
  }

  async get(id: string): Promise<Account> {
    const account = await this.vault.read(accountRecordId(id), AccountSchema);
    if (!account) throw notFound('account', id);
    return account;
  }

  async getCognito(id: string): Promise<CognitoAccount> {
    const account = await this.get(id);
    if (account.kind !== 'cognito') throw invalid(`Account "${id}" is a ${account.kind.toUpperCase()} account, not a Cognito account.`);
    return account;
  }

  async add(input: AccountInput): Promise<string> {
    const id = base64urlId();
    const account = admit(fromInput(id, input));
    await this.vault.write(accountRecordId(id), account);
    await this.told([{ before: undefined, after: account }]);
    return id;
  }

  /**
   * Stores accounts from an import or a backup, each under a fresh id, except those the vault
   * already holds (see `accountIdentity`): importing the same thing twice adds nothing. All or
   * nothing: every account must pass the add-account rules (NewAccountSchema) before any is
   * written, and they are written in one storage set, so a full storage area adds none of them.
   * A refused account throws `invalid-request` naming its position (`at`: the caller's name for it).
   * `ids`: the id each given account has in the vault now (new, or the one held), in their order,
   * so what the input said about its accounts (a backup's order) can be carried over.
   */
  async addMissing(
    accounts: readonly Account[],
    refused: (index: number, path: string) => Error = (index, path) => invalid(`Account ${index + 1} cannot be added: ${path} breaks the rules of an account.`),
  ): Promise<{ added: number; skipped: number; ids: string[] }> {
    const admitted = accounts.map((account, index) => {
      const r = admitAccount({ ...account, id: 'new' });
      if (!r.ok) throw refused(index, r.path);
      return r.account;
    });
    const held = new Map((await this.listReadable()).accounts.map((a) => [accountIdentity(a), a.id]));
    const records: [string, Account][] = [];
    const ids: string[] = [];
    for (const account of admitted) {
      const identity = accountIdentity(account);
      const heldId = held.get(identity);
      if (heldId !== undefined) {
        ids.push(heldId);
        continue;
      }
      const id = base64urlId();
      records.push([accountRecordId(id), { ...account, id }]);
      held.set(identity, id);
      ids.push(id);
    }
    if (records.length > 0) await this.vault.writeMany(records);
    await this.told(records.map(([, after]) => ({ before: undefined, after })));
    return { added: records.length, skipped: accounts.length - records.length, ids };
  }

  /**
   * Stores one imported account (the add-account rules, as addMissing) and returns its id; when
   * the vault already holds it (same identity), the id of the one held, so enrolling from a page
   * twice binds the same account rather than adding a copy.
   */
  async addOneImported(account: Account): Promise<string> {
    const r = admitAccount({ ...account, id: 'new' });
    if (!r.ok) throw invalid(`The account cannot be added: ${r.path} breaks the rules of an account.`);
    const identity = accountIdentity(r.account);
    const held = (await this.listReadable()).accounts.find((a) => accountIdentity(a) === identity);
    if (held) return held.id;
    const id = base64urlId();
    const added = { ...r.account, id };
    await this.vault.write(accountRecordId(id), added);
    await this.told([{ before: undefined, after: added }]);
    return id;
  }

  async update(id: string, patch: AccountPatch): Promise<void> {
    const account = await this.get(id);
    await this.put(admit(applyPatch(account, patch)));
  }

  async put(account: Account): Promise<void> {
    const before = await this.readable(account.id);
    await this.vault.write(accountRecordId(account.id), account);
    await this.told([{ before, after: account }]);
  }

  /** Deletes the account and its tokens; also a record that can no longer be read (the way out of corruption). */
  async remove(id: string): Promise<void> {
    if (!(await this.vault.list('account')).includes(accountRecordId(id))) throw notFound('account', id);
    const before = await this.readable(id);
    await this.vault.remove(accountRecordId(id));
    await this.vault.remove(tokensRecordId(id));
    await this.told([{ before, after: undefined }]);
  }

  /** The stored account, or undefined when there is none or it cannot be read. */
  private async readable(id: string): Promise<Account | undefined> {
    return this.vault.read(accountRecordId(id), AccountSchema).catch((error: unknown) => {
      if (error instanceof VaultCorruptError) return undefined;
      throw error;
    });
  }

  /** Tells the listeners of the changes that touch a site binding or an endpoint. */
  private async told(changes: AccountChange[]): Promise<void> {
    // (A damaged record removed: what it used is unknown, so it counts as a change.)
    const relevant = changes.filter(({ before, after }) => (!before && !after) || placesOf(before) !== placesOf(after));
    if (relevant.length === 0) return;
    for (const listener of this.listeners) await listener(relevant).catch(() => undefined);
  }

  async setDevice(id: string, device: StoredDevice | undefined): Promise<void> {
    const account = await this.getCognito(id);
    const secrets = { ...account.secrets };
    if (device) secrets.device = device;
    else delete secrets.device;
    await this.put({ ...account, secrets });
  }

  /**
   * Records which Cognito user a TOTP account's codes sign in (enrolment from a page whose
   * sign-in was observed; src/shared/site-binding.ts CognitoSignInSchema). A Cognito account
   * names its user itself: asked of one, nothing changes.
   */
  async setCognitoSignIn(id: string, signIn: CognitoSignIn): Promise<void> {
    const account = await this.get(id);
    if (account.kind !== 'totp') return;
    await this.put(admit({ ...account, cognito: signIn }));
  }

  /** Keeps a TOTP secret Cognito may be about to accept (MFA_SETUP), before asking it to. */
  async setPendingTotp(id: string, secret: string): Promise<void> {
    const account = await this.getCognito(id);
    await this.put({ ...account, secrets: { ...account.secrets, pendingTotpSecret: secret } });
  }

  /** Cognito accepted a code of `secret`: it is the account's authenticator secret from now on. */
  async commitTotp(id: string, secret: string): Promise<void> {
    const account = await this.getCognito(id);
    const { pendingTotpSecret: _pending, ...secrets } = account.secrets;
    await this.put({ ...account, secrets: { ...secrets, totpSecret: normalizeSecretField('totpSecret', secret) } });
  }

  async getTokens(id: string): Promise<StoredTokens | undefined> {
    return this.vault.read(tokensRecordId(id), StoredTokensSchema);
  }

  async saveTokens(id: string, tokens: StoredTokens): Promise<void> {
    await this.vault.write(tokensRecordId(id), tokens);
  }

  async clearTokens(id: string): Promise<void> {
    await this.vault.remove(tokensRecordId(id));
  }
}

/** Where an account is used, as one comparable string: its site bindings (with their switches) and its endpoint. */
function placesOf(account: Account | undefined): string {
  return JSON.stringify([account?.sites ?? [], account?.kind === 'cognito' ? account.endpoint ?? '' : '']);
}

/** The add-account rules (NewAccountSchema) for one account from a page; the message names the field. */
function admit(account: Account): Account {
  const r = admitAccount(account);
  if (!r.ok) throw invalid(`The account cannot be saved: ${r.path} breaks the rules of an account.`);
  return r.account;
}

function fromInput(id: string, input: AccountInput): Account {
  switch (input.kind) {
    case 'cognito': {
      const secrets: CognitoAccount['secrets'] = {};
      if (input.password !== undefined) secrets.password = input.password;
      if (input.totpSecret !== undefined) secrets.totpSecret = normalizeSecretField('totpSecret', input.totpSecret);
      return {
        kind: 'cognito', id, label: input.label.trim(), userPoolId: input.userPoolId, clientId: input.clientId,
        ...(input.clientSecret !== undefined ? { clientSecret: input.clientSecret } : {}),
        ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
        username: input.username, policy: input.policy, secrets,
      };
    }
    case 'totp':
      return { kind: 'totp', id, label: input.label.trim(), ...(input.issuer ? { issuer: input.issuer.trim() } : {}),
        secret: normalizeSecretField('secret', input.secret), algorithm: input.algorithm, digits: input.digits, period: input.period,
        ...(input.clockOffsetSeconds ? { clockOffsetSeconds: input.clockOffsetSeconds } : {}) };
    case 'hotp':
      return { kind: 'hotp', id, label: input.label.trim(), ...(input.issuer ? { issuer: input.issuer.trim() } : {}),
        secret: normalizeSecretField('secret', input.secret), algorithm: input.algorithm, digits: input.digits, counter: input.counter };
  }
}

const COGNITO_ONLY: readonly (keyof AccountPatch)[] = ['clientSecret', 'endpoint', 'username', 'policy', 'password', 'totpSecret', 'clearDevice'];
const OTP_ONLY: readonly (keyof AccountPatch)[] = ['issuer', 'algorithm', 'digits', 'period', 'counter', 'clockOffsetSeconds'];

/** Applies a patch, refusing fields that do not belong to the account's kind. */
function applyPatch(account: Account, patch: AccountPatch): Account {
  const present = (k: keyof AccountPatch) => patch[k] !== undefined;
  const label = patch.label !== undefined ? patch.label.trim() : account.label;
  if (account.kind === 'cognito') {
    const wrong = OTP_ONLY.filter(present);
    if (wrong.length) throw invalid(`Fields ${wrong.join(', ')} do not apply to a Cognito account.`);
    const next: CognitoAccount = { ...account, label, secrets: { ...account.secrets } };
    if (patch.username !== undefined) next.username = patch.username;
    if (patch.policy !== undefined) next.policy = patch.policy;
    setOrClear(next, 'clientSecret', patch.clientSecret);
    setOrClear(next, 'endpoint', patch.endpoint);
    setOrClear(next.secrets, 'password', patch.password);
    if (patch.totpSecret !== undefined) {
      setOrClear(next.secrets, 'totpSecret', patch.totpSecret === null ? null : normalizeSecretField('totpSecret', patch.totpSecret));
    }
    if (patch.clearDevice) delete next.secrets.device;
    return next;
  }
  const otherKindOnly: readonly (keyof AccountPatch)[] = account.kind === 'totp' ? ['counter'] : ['period', 'clockOffsetSeconds'];
  const wrong = [...COGNITO_ONLY, ...otherKindOnly].filter(present);
  if (wrong.length) throw invalid(`Fields ${wrong.join(', ')} do not apply to a ${account.kind.toUpperCase()} account.`);
  const next = { ...account, label };
  setOrClear(next, 'issuer', patch.issuer === undefined ? undefined : patch.issuer === null ? null : patch.issuer.trim());
  if (patch.algorithm !== undefined) next.algorithm = patch.algorithm;
  if (patch.digits !== undefined) next.digits = patch.digits;
  if (next.kind === 'totp' && patch.period !== undefined) next.period = patch.period;
  // 0 is the system clock, the same as no offset: stored as none.
  if (next.kind === 'totp' && patch.clockOffsetSeconds !== undefined) setOrClear(next, 'clockOffsetSeconds', patch.clockOffsetSeconds || null);
  if (next.kind === 'hotp' && patch.counter !== undefined) next.counter = patch.counter;
  return next;
}

/** undefined: leave as is; null: remove; a value: set. */
function setOrClear<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null | undefined): void {
  if (value === undefined) return;
  if (value === null) delete target[key];
  else target[key] = value;
}
