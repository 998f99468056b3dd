// One handler per message type, registered here in one visible place. Each receives the
// validated request and the context, and returns the answer's fields (the router adds ok:true)
// or throws (the router turns the error into {ok:false, error}).
import type { RequestOf, RequestType } from '../../shared/requests';
import type { Results } from '../../shared/views';
import { MIN_NEW_PASSWORD_LENGTH, isLongEnoughNewPassword } from '../../shared/password-rules';
import { codesFor, hotpCodeFor, nextHotp, nextPeriodCodeFor } from '../accounts/codes';
import { accountExportUri } from '../accounts/account-export';
import { importEnrolment, previewImport, runImport } from '../accounts/import-pipeline';
import { summarize } from '../accounts/model';
import { checkRestorable, writeBackup } from '../backup/format';
import type { Context } from '../context';
import { AppError, invalid } from '../errors';
import { ensureEndpointPermission } from '../permissions';
import { VaultCorruptError } from '../vault/format';
import type { UnreadableRecord } from '../../shared/vault-damage';

type Handler<T extends RequestType> = (req: RequestOf<T>, ctx: Context) => Promise<Results[T]>;
export type Handlers = { [T in RequestType]: Handler<T> };

/** Message types that work while the vault is locked (everything else needs the vault key). */
// clipboard-copied: a code copied just before a lock must still be cleared from the clipboard.
export const WORKS_LOCKED: ReadonlySet<RequestType> = new Set(['status', 'keep-alive', 'setup-vault', 'unlock', 'lock', 'get-settings', 'set-settings', 'clipboard-copied']);

export const handlers: Handlers = {
  async 'status'(_req, ctx) {
    const [initialized, unlocked, settings] = await Promise.all([ctx.vault.isInitialized(), ctx.vault.isUnlocked(), ctx.settings.get()]);
    if (!unlocked) return { initialized, locked: true, settings, pendingApprovals: [], pageApprovals: [] };
    const pageApprovals = (await ctx.pageWatch.approvals.pending())
      .map(({ id, origin, accountId, accountLabel }) => ({ id, origin, accountId, label: accountLabel }));
    return { initialized, locked: false, settings, pendingApprovals: await ctx.agent.pending(), pageApprovals };
  },
  async 'setup-vault'(req, ctx) {
    await ctx.lock.setup(req.password);
    return {};
  },
  async 'unlock'(req, ctx) {
    await ctx.lock.unlock(req.password);
    // Refreshes skipped while locked, or alarms lost with a browser restart, are set again. The
    // unlock itself succeeded: a failure here must not be reported as a failed unlock.
    await ctx.agent.scheduleAllRefreshes().catch(() => undefined);
    // The bindings are readable again: the content script follows them (the browser may have dropped it).
    await ctx.pageScripts.sync().catch(() => undefined);
    return {};
  },
  async 'lock'(_req, ctx) {
    await ctx.lock.lock();
    return {};
  },
  async 'change-vault-password'(req, ctx) {
    await ctx.vault.changePassword(req.currentPassword, req.newPassword);
    return {};
  },
  async 'list-accounts'(_req, ctx) {
    // A damaged record is listed by id with the reason, and the others stay usable.
    const { accounts, unreadable: bad } = await ctx.accounts.listReadable();
    const unreadable: UnreadableRecord[] = bad.map(({ recordId, error }) =>
      ({ id: recordId.slice(recordId.indexOf('.') + 1), record: 'account', damage: error.damage, message: error.message }));
    const allTokens = await ctx.accounts.allTokens();
    const out = [];
    for (const a of accounts) {
      let tokens = a.kind === 'cognito' ? allTokens.get(a.id) : undefined;
      if (tokens instanceof VaultCorruptError) {
        unreadable.push({ id: a.id, record: 'tokens', damage: tokens.damage, message: tokens.message });
        tokens = undefined;
      }
      out.push(summarize(a, tokens));
    }
    return unreadable.length ? { accounts: out, unreadable } : { accounts: out };
  },
  async 'get-codes'(_req, ctx) {
    // Each account's codes follow its own clock (see codesFor); expiry is on the page's clock.
    const { codes, errors } = codesFor((await ctx.accounts.listReadable()).accounts, ctx.now(), await ctx.clocks.offsets());
    // An account whose code cannot be made is named with its error; the others still have theirs.
    return errors.length ? { codes, codeErrors: errors } : { codes };
  },
  async 'hotp-next'(req, ctx) {
    const account = await ctx.accounts.get(req.id);
    if (account.kind !== 'hotp') throw invalid(`Account "${account.label}" is not an HOTP account.`);
    const next = nextHotp(account);
    await ctx.accounts.put(next);
    return { code: hotpCodeFor(next) };
  },
  async 'totp-next-period'(req, ctx) {
    return { code: nextPeriodCodeFor(await ctx.accounts.get(req.id), ctx.now(), await ctx.clocks.offsets()) };
  },
  async 'add-account'(req, ctx) {
    if (req.account.kind === 'cognito') await ensureEndpointPermission(ctx.permissions, req.account);
    return { id: await ctx.accounts.add(req.account) };
  },
  async 'update-account'(req, ctx) {
    if (req.patch.endpoint !== undefined) {
      // A new endpoint, or none (null: back to the regional one): the host it leads to must be granted.
      const account = await ctx.accounts.get(req.id);
      if (account.kind === 'cognito') await ensureEndpointPermission(ctx.permissions, { userPoolId: account.userPoolId, endpoint: req.patch.endpoint ?? undefined });
    }
    await ctx.accounts.update(req.id, req.patch);
    return { id: req.id };
  },
  async 'delete-account'(req, ctx) {
    await ctx.accounts.remove(req.id);
    await ctx.agent.forgetAccount(req.id);
    return { id: req.id };
  },
  async 'import'(req, ctx) {
    // QR images (a file, the current tab) are decoded in the pages: they send the text here.
    return runImport(ctx.accounts, ctx.accountOrder, req);
  },
  async 'import-preview'(req) {
    // Reads the text as `import` would, and stores nothing (the vault must still be unlocked: a
    // locked vault shows nothing of what it would hold).
    return previewImport(req.data);
  },
  async 'export-backup'(req, ctx) {
    if (!isLongEnoughNewPassword(req.password)) {
      throw new AppError('weak-password', `The backup password must have at least ${MIN_NEW_PASSWORD_LENGTH} characters.`);
    }
    const accounts = await ctx.accounts.list();
    checkRestorable(accounts);
    return { file: await writeBackup(accounts, req.password, await ctx.accountOrder.get()) };
  },
  async 'keep-alive'() {
    return {};
  },
  async 'clipboard-copied'(_req, ctx) {
    return ctx.clipboard.copied();
  },
  async 'export-account'(req, ctx) {
    await ctx.vault.checkPassword(req.password);
    return { uri: accountExportUri(await ctx.accounts.get(req.id)) };
  },
  async 'sign-in'(req, ctx) {
    return { flow: await ctx.agent.signIn(req.accountId, req.flowId) };
  },
  async 'sign-in-tab'(req, ctx) {
    return { flow: await ctx.agent.signInTab(req.accountId, req.tabId, req.flowId) };
  },
  async 'flow-status'(req, ctx) {
    return { flow: await ctx.agent.status(req.flowId) };
  },
  async 'flow-answer'(req, ctx) {
    return { flow: await ctx.agent.answer(req.flowId, req.answer) };
  },
  async 'flow-cancel'(req, ctx) {
    return { flow: await ctx.agent.cancel(req.flowId) };
  },
  async 'list-devices'(req, ctx) {
    return { devices: await ctx.agent.listDevices(req.accountId) };
  },
  async 'forget-device'(req, ctx) {
    await ctx.agent.forgetDevice(req.accountId, req.deviceKey);
    return {};
  },
  async 'sign-out'(req, ctx) {
    return ctx.agent.signOut(req.accountId, req.everywhere ?? false);
  },
  async 'get-account-order'(_req, ctx) {
    return { order: await ctx.accountOrder.get() };
  },
  async 'set-account-order'(req, ctx) {
    return { order: await ctx.accountOrder.set(req.order) };
  },
  async 'get-settings'(_req, ctx) {
    return { settings: await ctx.settings.get() };
  },
  async 'list-server-clocks'(_req, ctx) {
    return { clocks: await ctx.clocks.list() };
  },
  async 'answer-page-approval'(req, ctx) {
    const approval = await ctx.pageWatch.approvals.decide(req.id, req.answer === 'approve');
    // Approved while the page already shows its code field: fill it now (else when it appears).
    if (approval?.decision === 'approved' && req.answer === 'approve') {
      await ctx.fill.fillApproved(approval.tabId, approval.origin, approval.accountId).catch(() => undefined);
    }
    return approval ? { decision: approval.decision } : {};
  },
  async 'tab-sign-in'(req, ctx) {
    const seen = await ctx.pageWatch.signIns.get(req.tab.id);
    if (!seen) return { accountIds: [] };
    const username = seen.userId ?? seen.loginId;
    const accounts = await ctx.pageWatch.observer.observedAccounts(req.tab.id, seen.pageOrigin);
    return { signIn: { origin: seen.pageOrigin, clientId: seen.clientId, ...(username ? { username } : {}) }, accountIds: accounts.map((a) => a.id) };
  },
  async 'bind-site'(req, ctx) {
    return { sites: await ctx.sites.bind(req.accountId, req.origin, req.flags) };
  },
  async 'unbind-site'(req, ctx) {
    return { sites: await ctx.sites.unbind(req.accountId, req.origin) };
  },
  async 'update-site'(req, ctx) {
    return { sites: await ctx.sites.update(req.accountId, req.origin, req.flags) };
  },
  async 'accounts-for-origin'(req, ctx) {
    return ctx.sites.viewFor(req.origin);
  },
  async 'fill-code'(req, ctx) {
    return { result: await ctx.fill.fillByGesture({ tabId: req.tabId, target: 'found', ...(req.accountId !== undefined ? { accountId: req.accountId } : {}) }) };
  },
  async 'enrol-from-page'(req, ctx) {
    const accountId = await importEnrolment(ctx.accounts, req.data);
    // The sign-in the extension saw this tab make on this origin (observation is on for the site)
    // names the Cognito user being enrolled: kept with the account, and observation stays on for
    // its binding, so the next sign-in there picks this account among the site's others.
    const seen = await ctx.pageWatch.signIns.get(req.tabId);
    const username = seen?.userId ?? seen?.loginId;
    const linked = seen !== undefined && seen.pageOrigin === req.origin && username !== undefined;
    if (linked) await ctx.accounts.setCognitoSignIn(accountId, { endpoint: seen.endpoint, clientId: seen.clientId, username });
    await ctx.sites.bind(accountId, req.origin, linked ? { observeSignIn: true } : {});
    // The code goes through code fill, which checks the tab's frame is of the bound origin and
    // marks the step used (the app's VerifySoftwareToken uses it up).
    const result = await ctx.fill.fillByGesture({ tabId: req.tabId, accountId, target: 'found' });
    return { accountId, label: summarize(await ctx.accounts.get(accountId)).label, result };
  },
  async 'set-settings'(req, ctx) {
    const settings = await ctx.settings.update(req.settings);
    await ctx.lock.touch(settings); // a new auto-lock delay applies at once
    return { settings };
  },
};
