// Code fill's decisions (issue 9 item 2), all in the background: which frame may get a code,
// from which account, when, and whether the form is submitted. The content script only finds
// the field and fills what it is sent; it names nothing itself.
//
// - A frame gets a code only when its own origin (read from the browser's sender / the context
//   menu's frameUrl, never from the page) is bound to the account: a cross-origin frame that is
//   not itself bound gets nothing, whatever its parent is.
// - The account: candidatesForTab (./candidates.ts). Automatic fill only when exactly one
//   candidate is left and its policy is automatic (Cognito: the account's "answer
//   automatically"; plain TOTP: the settings' default policy, the same switch new Cognito accounts
//   start from). Otherwise the person fills from the popup, the keyboard command or the context menu.
// - A time step this extension already used for the account (./used-steps.ts) is never handed
//   out: the frame is told to ask again when the next step begins, and a gesture's choice is kept
//   for it (storage.session, so a worker stopped meanwhile still honours it).
import { originOf, siteFor } from '../../shared/site-binding';
import type { ContentCommand, ContentRequest, FillReport, FillResult, FillTarget } from '../../shared/code-fill-messages';
import { fillCodeOf } from '../accounts/codes';
import type { Account } from '../accounts/model';
import type { ServerClockStore } from '../server-clocks';
import type { SettingsStore } from '../settings';
import type { SiteBindings } from '../sites/site-bindings';
import type { StorageArea } from '../storage';
import type { TabBadge, TabMark } from '../badge';
import { candidatesForTab, canFill, type CandidateNarrower } from './candidates';
import type { TimeStep, UsedSteps } from './used-steps';

/** The fields of runtime.MessageSender read here. */
export interface ContentSender { id?: string; url?: string; origin?: string; frameId?: number; tab?: { id?: number } }

/** A frame of a tab, with the origin the browser reports for it. */
export interface FrameRef { tabId: number; frameId: number; origin: string }

export interface TabsPort {
  get(tabId: number): Promise<{ url?: string }>;
  sendMessage(tabId: number, message: ContentCommand, options: { frameId: number }): Promise<unknown>;
}

export interface CodeFillDeps {
  sites: SiteBindings;
  clocks: ServerClockStore;
  settings: SettingsStore;
  used: UsedSteps;
  session: StorageArea;
  tabs?: TabsPort;
  /** The toolbar badge's mark on a tab (src/background/badge.ts): the person must pick, or the fill waits for the next step. */
  badge?: TabBadge;
  now: () => number;
  extensionId: () => string | undefined;
  /** Evidence that narrows the candidates, strongest first (the observed sign-in: src/background/page-watch). */
  narrowers?: readonly CandidateNarrower[];
  /**
   * "Ask me first" for pages (src/background/page-watch/page-watch.ts `fillGate`): whether an
   * account that does not answer automatically may be filled without a gesture on this tab
   * because the person approved the page's sign-in. Raises the approval when none was asked yet.
   */
  approvalGate?: (tabId: number, origin: string, accountId: string) => Promise<'fill' | 'wait' | 'denied'>;
}

const GRANTS_KEY = 'fill.grants';
const FIELD_FRAMES_KEY = 'fill.fieldFrames';
/** A content script asks again this long after the next step begins (clock jitter between it and us). */
const RETRY_MARGIN_MS = 300;

interface Grant { accountId: string; target: FillTarget; origin: string; expiresAt: number }
/** What to send a frame, and the step it uses up once sent. */
interface Prepared { command: ContentCommand; used?: { accountId: string; step: TimeStep } }

export class CodeFill {
  constructor(private readonly d: CodeFillDeps) {}

  /**
   * The browser's word on which frame sent a content-script message: this extension's content
   * script (`id`) in a tab's frame, with an http(s) origin. Chrome also reports `origin`; a frame
   * whose origin differs from its URL's (sandboxed, about:blank, data:) gets nothing.
   */
  frameOf(sender: ContentSender): FrameRef | undefined {
    const own = this.d.extensionId();
    if (own === undefined || sender.id !== own) return undefined;
    const tabId = sender.tab?.id;
    if (typeof tabId !== 'number' || typeof sender.frameId !== 'number' || typeof sender.url !== 'string') return undefined;
    const origin = originOf(sender.url);
    if (origin === undefined || (sender.origin !== undefined && sender.origin !== origin)) return undefined;
    return { tabId, frameId: sender.frameId, origin };
  }

  /** A content script's "this frame shows a code field": a code, a time to ask again, or nothing. */
  async onContentRequest(request: ContentRequest, sender: ContentSender): Promise<ContentCommand> {
    const frame = this.frameOf(sender);
    if (!frame) return { type: 'nothing' };
    const bound = await this.boundFillable(frame.origin);
    if (bound.length === 0) return { type: 'nothing' };
    await this.rememberFieldFrame(frame);
    // A fill the person asked for that had to wait for the next step.
    const grant = request.retry ? await this.takeGrant(frame) : undefined;
    const granted = grant && bound.find((a) => a.id === grant.accountId);
    if (granted) return this.handOut(await this.codeFor(granted, frame, grant!.target));
    const candidates = await candidatesForTab(frame.tabId, bound, this.d.narrowers);
    if (candidates.length > 1) {
      await this.badge(frame.tabId, 'fill-choose');
      return { type: 'nothing' };
    }
    const [account] = candidates;
    if (!account || !(await this.isAutomatic(account) || await this.approved(frame, account))) return { type: 'nothing' };
    return this.handOut(await this.codeFor(account, frame, 'found'));
  }

  /** The person approved this tab's sign-in as `account` (Deny, or no answer yet: false). */
  private async approved(frame: FrameRef, account: Account): Promise<boolean> {
    return (await this.d.approvalGate?.(frame.tabId, frame.origin, account.id)) === 'fill';
  }

  /**
   * The person approved a page's sign-in (popup): when a frame of that tab already showed a code
   * field and the account is still the one code fill would choose there, fill it now; otherwise
   * the field's own request, when it appears, goes through the approval gate.
   */
  async fillApproved(tabId: number, origin: string, accountId: string): Promise<FillResult | undefined> {
    const shown = ((await this.fieldFrames())[String(tabId)] ?? []).find((f) => f.origin === origin);
    if (!shown) return undefined;
    const candidates = await candidatesForTab(tabId, await this.boundFillable(origin), this.d.narrowers);
    if (candidates.length !== 1 || candidates[0]!.id !== accountId) return undefined;
    return this.fillByGesture({ tabId, accountId, target: 'found' });
  }

  /** A code leaves the background: its step is used from now on (the page may submit it at once). */
  private async handOut(prepared: Prepared): Promise<ContentCommand> {
    if (prepared.used) await this.d.used.markUsed(prepared.used.accountId, prepared.used.step);
    return prepared.command;
  }

  /**
   * A fill the person asked for (popup, keyboard command, context menu) in `tabId`: into `frame`
   * when the gesture names one (context menu), else into the frame that showed a code field, else
   * the top frame. `accountId`: the account the person picked (must be a candidate there).
   */
  async fillByGesture(request: { tabId: number; accountId?: string; frame?: { frameId: number; url: string }; target: FillTarget }): Promise<FillResult> {
    const tabs = this.d.tabs;
    if (!tabs) return { status: 'no-script' };
    const frame = await this.gestureFrame(request.tabId, request.frame);
    if (!frame) return { status: 'no-account' };
    const bound = await this.boundFillable(frame.origin);
    const candidates = request.accountId !== undefined
      ? bound.filter((a) => a.id === request.accountId)
      : await candidatesForTab(frame.tabId, bound, this.d.narrowers);
    if (candidates.length === 0) return { status: 'no-account' };
    if (candidates.length > 1) {
      await this.badge(frame.tabId, 'fill-choose');
      return { status: 'choose' };
    }
    if (!(await this.d.sites.isGranted(frame.origin))) return { status: 'no-permission' };
    const prepared = await this.codeFor(candidates[0]!, frame, request.target);
    const { command } = prepared;
    let report: unknown;
    try {
      report = await tabs.sendMessage(frame.tabId, command, { frameId: frame.frameId });
    } catch {
      // No content script there: the page was opened before the site was bound (or before the
      // permission was granted). A code handed to nobody was not used.
      return { status: 'no-script' };
    }
    await this.handOut(prepared);
    if (command.type === 'retry-after') return { status: 'waiting', retryInMs: command.retryInMs };
    const filled = report as FillReport | undefined;
    if (filled?.filled === true) return { status: 'filled' };
    return { status: filled?.filled === false ? filled.reason : 'no-script' };
  }

  /** The accounts with a code that are bound to exactly `origin` (none while the vault is locked). */
  private async boundFillable(origin: string): Promise<Account[]> {
    try {
      return (await this.d.sites.accountsBoundTo(origin)).filter(canFill);
    } catch {
      return []; // locked, or no vault: nothing to fill
    }
  }

  private async isAutomatic(account: Account): Promise<boolean> {
    if (account.kind === 'cognito') return account.policy.autoAnswer;
    return (await this.d.settings.get()).defaultPolicy.autoAnswer;
  }

  /**
   * The account's current code for `frame`, or, when this extension already used its step, the
   * time to ask again (and the choice kept for then).
   */
  private async codeFor(account: Account, frame: FrameRef, target: FillTarget): Promise<Prepared> {
    const made = fillCodeOf(account, this.d.now(), await this.d.clocks.offsets());
    if (!made) return { command: { type: 'nothing' } };
    const step = { step: made.step, periodSeconds: made.periodSeconds };
    if (await this.d.used.isUsed(account.id, step)) {
      await this.putGrant(frame, { accountId: account.id, target, origin: frame.origin, expiresAt: this.d.now() + made.nextInMs + made.periodSeconds * 1000 });
      await this.badge(frame.tabId, 'fill-waiting');
      return { command: { type: 'retry-after', retryInMs: made.nextInMs + RETRY_MARGIN_MS } };
    }
    await this.badge(frame.tabId, undefined);
    return {
      command: { type: 'fill-code', code: made.code, submit: siteFor(account.sites, frame.origin)?.submitAfterFill ?? false, target },
      used: { accountId: account.id, step },
    };
  }

  private async gestureFrame(tabId: number, given?: { frameId: number; url: string }): Promise<FrameRef | undefined> {
    if (given) {
      const origin = originOf(given.url);
      return origin === undefined ? undefined : { tabId, frameId: given.frameId, origin };
    }
    const reported = (await this.fieldFrames())[String(tabId)] ?? [];
    for (const frame of reported) if ((await this.boundFillable(frame.origin)).length > 0) return { tabId, ...frame };
    const url = (await this.d.tabs!.get(tabId).catch(() => ({ url: undefined }))).url;
    const origin = url === undefined ? undefined : originOf(url);
    return origin === undefined ? undefined : { tabId, frameId: 0, origin };
  }

  private async badge(tabId: number, mark: TabMark | undefined): Promise<void> {
    await this.d.badge?.markTab(tabId, mark).catch(() => undefined);
  }

  // Frames that showed a code field, per tab (so a gesture fills the frame that has one).
  private async fieldFrames(): Promise<Record<string, { frameId: number; origin: string }[]>> {
    const raw = (await this.d.session.get(FIELD_FRAMES_KEY))[FIELD_FRAMES_KEY];
    return typeof raw === 'object' && raw !== null ? raw as Record<string, { frameId: number; origin: string }[]> : {};
  }

  private async rememberFieldFrame(frame: FrameRef): Promise<void> {
    const all = await this.fieldFrames();
    const key = String(frame.tabId);
    const others = (all[key] ?? []).filter((f) => f.frameId !== frame.frameId);
    all[key] = [{ frameId: frame.frameId, origin: frame.origin }, ...others].slice(0, 8);
    await this.d.session.set({ [FIELD_FRAMES_KEY]: all });
  }

  /** Forgets a closed tab's frames. */
  async forgetTab(tabId: number): Promise<void> {
    const all = await this.fieldFrames();
    if (!(String(tabId) in all)) return;
    delete all[String(tabId)];
    await this.d.session.set({ [FIELD_FRAMES_KEY]: all });
  }

  // Gestures that waited for the next step, by frame: used once, within their time.
  private async grants(): Promise<Record<string, Grant>> {
    const raw = (await this.d.session.get(GRANTS_KEY))[GRANTS_KEY];
    return typeof raw === 'object' && raw !== null ? raw as Record<string, Grant> : {};
  }

  private async putGrant(frame: FrameRef, grant: Grant): Promise<void> {
    const all = await this.grants();
    const now = this.d.now();
    for (const [key, g] of Object.entries(all)) if (g.expiresAt < now) delete all[key];
    all[`${frame.tabId}:${frame.frameId}`] = grant;
    await this.d.session.set({ [GRANTS_KEY]: all });
  }

  private async takeGrant(frame: FrameRef): Promise<Grant | undefined> {
    const all = await this.grants();
    const key = `${frame.tabId}:${frame.frameId}`;
    const grant = all[key];
    if (!grant) return undefined;
    delete all[key];
    await this.d.session.set({ [GRANTS_KEY]: all });
    // Honoured only for the same origin (the frame may have navigated meanwhile) and in time.
    return grant.origin === frame.origin && grant.expiresAt >= this.d.now() ? grant : undefined;
  }
}
