// Sign-in observation and page approvals over in-memory storage (the browser's webRequest event
// shapes as Chrome and Firefox send them). Cognito is not involved: these modules only read what
// the page sent.
import { describe, expect, it } from 'vitest';
import { ObservedSignIns, OBSERVED_SIGN_IN_TTL_MS } from '../../src/background/page-watch/observed-sign-ins';
import { PageApprovals, type ApprovalSignals, type PageApproval } from '../../src/background/page-watch/page-approvals';
import { SignInObserver, type ObservedRequest, type WatchableAccount } from '../../src/background/page-watch/sign-in-observer';
import { PageWatch } from '../../src/background/page-watch/page-watch';
import { candidatesForTab } from '../../src/background/fill/candidates';
import type { Account } from '../../src/background/accounts/model';
import type { AccountStore } from '../../src/background/accounts/store';
import { memoryStores } from './background-helpers';

const SITE = 'http://127.0.0.1:8080';
const POOL = 'http://127.0.0.1:9229';
const PASSWORD = 'Page-typed-Passw0rd!';

function account(id: string, username: string, opts: { asksFirst?: boolean; observe?: boolean; origin?: string; clientId?: string } = {}): WatchableAccount {
  return {
    id, label: `label-${id}`,
    cognito: { clientId: opts.clientId ?? 'appclient1', endpoint: `${POOL}/`, username, asksFirst: opts.asksFirst ?? false },
    sites: [{ origin: opts.origin ?? SITE, observeSignIn: opts.observe ?? true }],
  };
}

function request(body: unknown, over: Partial<ObservedRequest> = {}): ObservedRequest {
  const bytes = new TextEncoder().encode(JSON.stringify(body)).buffer;
  return { tabId: 7, method: 'POST', url: `${POOL}/`, initiator: SITE, requestBody: { raw: [{ bytes }] }, ...over };
}
const initiate = (username: string, flow = 'USER_SRP_AUTH', clientId = 'appclient1') =>
  ({ AuthFlow: flow, ClientId: clientId, AuthParameters: { USERNAME: username, ...(flow === 'USER_PASSWORD_AUTH' ? { PASSWORD } : { SRP_A: 'ab'.repeat(50) }) } });
const verifier = (userId: string) =>
  ({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: 'appclient1', Session: 's'.repeat(30), ChallengeResponses: { USERNAME: userId, PASSWORD_CLAIM_SIGNATURE: 'c2ln', TIMESTAMP: 't' } });

class Signals implements ApprovalSignals {
  readonly raisedList: PageApproval[] = [];
  readonly settledList: PageApproval[] = [];
  count = 0;
  async raised(a: PageApproval) { this.raisedList.push(a); }
  async settled(a: PageApproval) { this.settledList.push(a); }
  async pendingCount(n: number) { this.count = n; }
}

function setUp(accounts: WatchableAccount[] | (() => never), now = { t: 1_000_000 }) {
  const stores = memoryStores();
  const signals = new Signals();
  const approvals = new PageApprovals(stores.session, signals, () => now.t);
  const store = new ObservedSignIns(stores.session, () => now.t);
  const observer = new SignInObserver({ store, approvals, accounts: async () => (typeof accounts === 'function' ? accounts() : accounts) });
  return { stores, signals, approvals, store, observer, now };
}

describe('sign-in observation', () => {
  it('two accounts bound to one origin: the username the page signed in as picks one', async () => {
    const { observer } = setUp([account('a', 'alice'), account('b', 'bob')]);
    await observer.onBeforeRequest(request(initiate('Bob')));
    expect((await observer.observedAccounts(7, SITE)).map((a) => a.id)).toEqual(['b']);
    // The canonical user from the challenge answer is what the page now signs in as.
    await observer.onBeforeRequest(request(verifier('alice')));
    expect((await observer.observedAccounts(7, SITE)).map((a) => a.id)).toEqual(['a']);
    // Another tab saw nothing.
    expect(await observer.observedAccounts(8, SITE)).toEqual([]);
  });

  it('Firefox details (documentUrl, no initiator) are read the same way', async () => {
    const { observer } = setUp([account('a', 'alice'), account('b', 'bob')]);
    await observer.onBeforeRequest(request(initiate('alice'), { initiator: undefined, documentUrl: `${SITE}/amplify/#x` }));
    expect((await observer.observedAccounts(7, SITE)).map((a) => a.id)).toEqual(['a']);
  });

  it('observes nothing without the site\'s opt-in, from another origin, to a non-Cognito host, or for another client', async () => {
    const off = setUp([account('a', 'alice', { observe: false })]);
    expect(await off.observer.onBeforeRequest(request(initiate('alice')))).toBeUndefined();
    const on = setUp([account('a', 'alice')]);
    expect(await on.observer.onBeforeRequest(request(initiate('alice'), { initiator: 'http://127.0.0.2:8080' }))).toBeUndefined();
    expect(await on.observer.onBeforeRequest(request(initiate('alice'), { url: 'http://127.0.0.1:9999/' }))).toBeUndefined();
    expect(await on.observer.onBeforeRequest(request(initiate('alice'), { method: 'GET' }))).toBeUndefined();
    expect(await on.observer.onBeforeRequest(request(initiate('alice'), { tabId: -1 }))).toBeUndefined();
    await on.observer.onBeforeRequest(request(initiate('alice', 'USER_SRP_AUTH', 'otherclient')));
    expect(await on.observer.observedAccounts(7, SITE)).toEqual([]);
  });

  it('a regional Cognito host is recognised from the manifest\'s list', async () => {
    const regional: WatchableAccount = { ...account('a', 'alice'), cognito: { clientId: 'appclient1', endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com', username: 'alice', asksFirst: false } };
    const { observer } = setUp([regional]);
    await observer.onBeforeRequest(request(initiate('alice'), { url: 'https://cognito-idp.eu-west-1.amazonaws.com/' }));
    expect((await observer.observedAccounts(7, SITE)).map((a) => a.id)).toEqual(['a']);
  });

  it('a locked vault observes nothing and does not throw', async () => {
    const { observer, stores } = setUp(() => { throw new Error('locked'); });
    expect(await observer.onBeforeRequest(request(initiate('alice')))).toBeUndefined();
    expect(stores.session.dump()).toBe('');
  });

  it('the password of a USER_PASSWORD_AUTH sign-in is never stored', async () => {
    const { observer, stores } = setUp([account('a', 'alice', { asksFirst: true })]);
    expect(await observer.onBeforeRequest(request(initiate('alice', 'USER_PASSWORD_AUTH')))).toMatchObject({ loginId: 'alice', step: 'USER_PASSWORD_AUTH' });
    const everything = `${stores.local.dump()}\n${stores.session.dump()}`;
    expect(everything).toContain('alice');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('PASSWORD"');
  });

  it('closing the tab or leaving the origin drops the sign-in and its approval', async () => {
    const { observer, approvals } = setUp([account('a', 'alice', { asksFirst: true })]);
    await observer.onBeforeRequest(request(initiate('alice')));
    await observer.onTabUrl(7, `${SITE}/other/path`); // same origin: kept
    expect(await observer.observedAccounts(7, SITE)).toHaveLength(1);
    await observer.onTabUrl(7, 'https://example.com/');
    expect(await observer.observedAccounts(7, SITE)).toEqual([]);
    expect(await approvals.pending()).toEqual([]);
    await observer.onBeforeRequest(request(initiate('alice'), { tabId: 9 }));
    expect(await approvals.pending()).toHaveLength(1);
    await observer.onTabRemoved(9);
    expect(await observer.observedAccounts(9, SITE)).toEqual([]);
    expect(await approvals.pending()).toEqual([]);
  });

  it('an old sign-in expires', async () => {
    const { observer, now } = setUp([account('a', 'alice')]);
    await observer.onBeforeRequest(request(initiate('alice')));
    now.t += OBSERVED_SIGN_IN_TTL_MS + 1;
    expect(await observer.observedAccounts(7, SITE)).toEqual([]);
  });
});

describe('page approvals', () => {
  it('an "ask me first" account seen signing in raises one approval, signalled; approve and deny are recorded', async () => {
    const { observer, approvals, signals } = setUp([account('a', 'alice', { asksFirst: true }), account('b', 'bob')]);
    await observer.onBeforeRequest(request(initiate('alice')));
    await observer.onBeforeRequest(request(verifier('alice')));
    const [pending] = await approvals.pending();
    expect(pending).toMatchObject({ tabId: 7, origin: SITE, accountId: 'a', accountLabel: 'label-a', decision: 'pending' });
    expect(signals.raisedList).toHaveLength(1); // the second request of the same sign-in asks nothing more
    expect(signals.count).toBe(1);
    expect(await approvals.decisionFor(7, SITE, 'a')).toBe('pending');
    await approvals.decide(pending!.id, false);
    expect(await approvals.decisionFor(7, SITE, 'a')).toBe('denied');
    expect(signals.count).toBe(0);
    expect(signals.settledList.map((a) => a.decision)).toEqual(['denied']);
    // A decided approval is not decided again.
    expect((await approvals.decide(pending!.id, true))?.decision).toBe('denied');
  });

  it('an automatic account raises nothing; bob signing in does not ask about alice', async () => {
    const { observer, approvals } = setUp([account('a', 'alice', { asksFirst: true }), account('b', 'bob')]);
    await observer.onBeforeRequest(request(initiate('bob')));
    expect(await approvals.pending()).toEqual([]);
    expect(await approvals.decisionFor(7, SITE, 'b')).toBeUndefined();
  });

  it('approve is per tab: another tab of the same site asks again', async () => {
    const { observer, approvals } = setUp([account('a', 'alice', { asksFirst: true })]);
    await observer.onBeforeRequest(request(initiate('alice')));
    const [first] = await approvals.pending();
    await approvals.decide(first!.id, true);
    expect(await approvals.decisionFor(7, SITE, 'a')).toBe('approved');
    await observer.onBeforeRequest(request(initiate('alice'), { tabId: 8 }));
    expect(await approvals.decisionFor(8, SITE, 'a')).toBe('pending');
  });
});

describe('the account a code comes from, with a TOTP account linked to the Cognito user it was enrolled for', () => {
  const totp = (id: string, cognito?: { endpoint: string; clientId: string; username: string }): Account => ({
    kind: 'totp', id, label: `label-${id}`, secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', algorithm: 'SHA1', digits: 6, period: 30,
    sites: [{ origin: SITE, observeSignIn: true, submitAfterFill: false }], ...(cognito ? { cognito } : {}),
  });
  const linked = totp('enrolled', { endpoint: POOL, clientId: 'appclient1', username: 'alice' });
  const plain = totp('plain');

  /** PageWatch itself (its observer and the fill's narrower) over these accounts as the vault lists them. */
  function narrowerOver(bound: Account[]) {
    const store = { listReadable: async () => ({ accounts: bound, unreadable: [] }) } as unknown as AccountStore;
    const watch = new PageWatch(memoryStores().session, store, undefined, () => 1_000_000);
    return { observer: watch.observer, narrower: watch.narrower };
  }

  it('the observed user picks the linked account among the site\'s two', async () => {
    const { observer, narrower } = narrowerOver([plain, linked]);
    expect((await candidatesForTab(7, [plain, linked], [narrower])).map((a) => a.id)).toEqual(['plain', 'enrolled']);
    await observer.onBeforeRequest(request(initiate('ALICE')));
    expect((await candidatesForTab(7, [plain, linked], [narrower])).map((a) => a.id)).toEqual(['enrolled']);
  });

  it('another user, app client or pool names no account: the person picks', async () => {
    for (const other of [initiate('bob'), initiate('alice', 'USER_SRP_AUTH', 'otherclient')]) {
      const { observer, narrower } = narrowerOver([plain, linked]);
      await observer.onBeforeRequest(request(other));
      expect((await candidatesForTab(7, [plain, linked], [narrower])).map((a) => a.id)).toEqual(['plain', 'enrolled']);
    }
    const elsewhere = totp('elsewhere', { endpoint: 'http://127.0.0.1:9999', clientId: 'appclient1', username: 'alice' });
    const { observer, narrower } = narrowerOver([plain, elsewhere, linked]);
    await observer.onBeforeRequest(request(initiate('alice')));
    expect((await candidatesForTab(7, [plain, elsewhere, linked], [narrower])).map((a) => a.id)).toEqual(['enrolled']);
  });
});

