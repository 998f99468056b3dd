// Code fill's decisions in the background (src/background/fill/code-fill.ts), driven through the
// real router, vault and content router: which frame gets a code (the frame's own origin, read
// from the browser's sender, must be bound), from which account, automatically or only on a
// gesture, and never a time step already used. The browser's tabs API is a recording double (the
// real content script is driven in test/e2e/code-fill.test.ts).
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/background/context';
import { handleMessage } from '../../src/background/router';
import { handleContentMessage } from '../../src/background/fill/content-router';
import type { ContentCommand } from '../../src/shared/code-fill-messages';
import { totpCode } from '../../src/otp/totp';
import { allowAllPermissions, memoryStores, POPUP, RecordingAlarms, SELF } from './background-helpers';

const APP = 'http://127.0.0.1:5173';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const OTHER_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CT';
const TOTP = (label: string, secret = SECRET) => ({ kind: 'totp', label, secret, algorithm: 'SHA1', digits: 6, period: 30 });

/** A tab's frame as the browser reports our content script in it. */
const frame = (url: string, frameId = 0, extra: Record<string, unknown> = {}) => ({ id: SELF.id, url, frameId, tab: { id: 7 }, ...extra });

function worker(opts: { now?: () => number; granted?: boolean } = {}) {
  const stores = memoryStores();
  const sent: { tabId: number; frameId: number; message: ContentCommand }[] = [];
  /** What tab 7's badge was told, in order (null: show the global badge there). */
  const badges: (string | null)[] = [];
  let tabUrl = `${APP}/login`;
  const ctx = createContext({
    stores, alarms: new RecordingAlarms(),
    permissions: opts.granted === false ? { contains: async () => false } : allowAllPermissions,
    extensionId: SELF.id,
    ...(opts.now ? { now: opts.now } : {}),
    tabs: {
      get: async () => ({ url: tabUrl }),
      // The content script's answer: it fills what it is sent.
      sendMessage: async (tabId, message, { frameId }) => {
        sent.push({ tabId, frameId, message });
        return message.type === 'fill-code' ? { filled: true, submitted: message.submit } : { filled: false, reason: 'no-field' };
      },
    },
    badgeApi: {
      setBadgeText: async ({ text, tabId }) => { if (tabId === 7) badges.push(text); },
      setBadgeBackgroundColor: async () => undefined,
    },
  });
  const send = (msg: unknown) => handleMessage(msg, POPUP, SELF, ctx) as Promise<any>;
  const fromPage = (msg: unknown, sender: Record<string, unknown>) => handleContentMessage(msg, sender, SELF, ctx) as Promise<any>;
  return { ctx, send, fromPage, sent, badges, setTabUrl: (url: string) => { tabUrl = url; } };
}

async function vaultWith(w: ReturnType<typeof worker>, ...accounts: Record<string, unknown>[]): Promise<string[]> {
  expect(await w.send({ type: 'setup-vault', password: 'code fill vault password' })).toEqual({ ok: true });
  const ids: string[] = [];
  for (const account of accounts) ids.push((await w.send({ type: 'add-account', account })).id);
  return ids;
}

describe('code fill in the background', () => {
  it('fills a bound frame automatically with the current code, once per time step', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 5);
    const w = worker({ now: () => now });
    const [id] = await vaultWith(w, TOTP('Plain'));
    await w.send({ type: 'bind-site', accountId: id, origin: APP });
    expect(await w.fromPage({ type: 'code-field' }, frame(`${APP}/login`))).toEqual({
      type: 'fill-code', code: totpCode(SECRET, {}, now), submit: false, target: 'found' });
    // Another field in the same step: the code was handed out once; the frame is told when to ask again.
    now += 10_000;
    expect(await w.fromPage({ type: 'code-field' }, frame(`${APP}/login`))).toEqual({ type: 'retry-after', retryInMs: 15_000 + 300 });
    expect(w.badges.at(-1)).toBe('…');
    // Asked again once the next step began: that step's code.
    now += 15_300;
    const next = await w.fromPage({ type: 'code-field', retry: true }, frame(`${APP}/login`));
    expect(next).toEqual({ type: 'fill-code', code: totpCode(SECRET, {}, now), submit: false, target: 'found' });
    expect(next.code).not.toBe(totpCode(SECRET, {}, now - 25_300));
    expect(w.badges.at(-1)).toBeNull();
  });

  it('submits only when the site says so', async () => {
    const w = worker();
    const [id] = await vaultWith(w, TOTP('Plain'));
    await w.send({ type: 'bind-site', accountId: id, origin: APP, flags: { submitAfterFill: true } });
    expect(await w.fromPage({ type: 'code-field' }, frame(`${APP}/`))).toMatchObject({ type: 'fill-code', submit: true });
  });

  it.each([
    ['an unbound origin (a copy of the app on another host)', frame('http://127.0.0.2:5173/login')],
    ['another port of the bound host', frame('http://127.0.0.1:5174/login')],
    ['a cross-origin frame inside a bound page', frame('http://127.0.0.2:5173/frame.html', 3)],
    ['a frame whose reported origin differs from its URL (sandboxed, about:blank)', frame(`${APP}/x`, 2, { origin: 'null' })],
    ['an about:blank frame', frame('about:blank', 2)],
    ['another extension', { ...frame(`${APP}/`), id: 'other-ext' }],
    ['a sender with no tab', { id: SELF.id, url: `${APP}/`, frameId: 0 }],
  ])('gives nothing to %s', async (_name, sender) => {
    const w = worker();
    const [id] = await vaultWith(w, TOTP('Plain'));
    await w.send({ type: 'bind-site', accountId: id, origin: APP });
    const answer = await w.fromPage({ type: 'code-field' }, sender);
    expect(answer?.code).toBeUndefined();
    expect(JSON.stringify(answer)).not.toMatch(/\d{6}/);
  });

  it('gives nothing while the vault is locked, and refuses anything but the code-field question from a page', async () => {
    const w = worker();
    const [id] = await vaultWith(w, TOTP('Plain'));
    await w.send({ type: 'bind-site', accountId: id, origin: APP });
    expect(await w.fromPage({ type: 'get-codes' }, frame(`${APP}/`))).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await w.fromPage({ type: 'code-field', accountId: id }, frame(`${APP}/`))).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    await w.send({ type: 'lock' });
    expect(await w.fromPage({ type: 'code-field' }, frame(`${APP}/`))).toEqual({ type: 'nothing' });
  });

  it('"ask me first" accounts are filled only by a gesture, into the frame that showed the field', async () => {
    const w = worker();
    await vaultWith(w);
    const id = (await w.send({ type: 'add-account', account: {
      kind: 'cognito', label: 'Asks', userPoolId: 'eu-west-1_abcDEF', clientId: 'client123', username: 'alice',
      policy: { autoAnswer: false, rememberDevice: false }, totpSecret: SECRET } })).id;
    await w.send({ type: 'bind-site', accountId: id, origin: APP });
    expect(await w.fromPage({ type: 'code-field' }, frame(`${APP}/`, 4))).toEqual({ type: 'nothing' });
    const { result } = await w.send({ type: 'fill-code', tabId: 7, accountId: id });
    expect(result).toEqual({ status: 'filled' });
    expect(w.sent).toMatchObject([{ tabId: 7, frameId: 4, message: { type: 'fill-code', target: 'found' } }]);
    // The same step again: nothing sent but the time to wait.
    expect((await w.send({ type: 'fill-code', tabId: 7, accountId: id })).result).toMatchObject({ status: 'waiting' });
    expect(w.sent.at(-1)?.message.type).toBe('retry-after');
  });

  it('several bound accounts: nothing automatic, the person picks; an account bound elsewhere is not a candidate', async () => {
    const w = worker();
    const [a, b, elsewhere] = await vaultWith(w, TOTP('A'), TOTP('B', OTHER_SECRET), TOTP('C', 'GEZDGNBVGY3TQOJQGEZDGNBVGY'));
    await w.send({ type: 'bind-site', accountId: a, origin: APP });
    await w.send({ type: 'bind-site', accountId: b, origin: APP });
    await w.send({ type: 'bind-site', accountId: elsewhere, origin: 'https://other.example' });
    expect(await w.fromPage({ type: 'code-field' }, frame(`${APP}/`))).toEqual({ type: 'nothing' });
    expect(w.badges.at(-1)).toBe('?');
    expect((await w.send({ type: 'fill-code', tabId: 7 })).result).toEqual({ status: 'choose' });
    expect((await w.send({ type: 'fill-code', tabId: 7, accountId: elsewhere })).result).toEqual({ status: 'no-account' });
    expect((await w.send({ type: 'fill-code', tabId: 7, accountId: b })).result).toEqual({ status: 'filled' });
    expect(w.sent.at(-1)?.message).toMatchObject({ type: 'fill-code', code: totpCode(OTHER_SECRET, {}, Date.now()) });
    expect(w.badges.at(-1)).toBeNull();
  });

  it('a gesture on a page of an unbound origin, or without the host permission, sends nothing', async () => {
    const w = worker({ granted: false });
    const [id] = await vaultWith(w, TOTP('Plain'));
    await w.send({ type: 'bind-site', accountId: id, origin: APP });
    expect((await w.send({ type: 'fill-code', tabId: 7, accountId: id })).result).toEqual({ status: 'no-permission' });
    w.setTabUrl('http://127.0.0.2:5173/login');
    expect((await w.send({ type: 'fill-code', tabId: 7, accountId: id })).result).toEqual({ status: 'no-account' });
    expect(w.sent).toEqual([]);
  });
});
