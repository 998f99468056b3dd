// The time steps this extension has already put to use, per account: a code filled into a page
// (handed to the content script) or sent by its own sign-in as the SOFTWARE_TOKEN_MFA answer.
// Cognito refuses a code of a step it has seen (ExpiredCodeException / "already used"), and so
// do most TOTP servers (RFC 6238 §5.2), so code fill never hands out a step recorded here: it waits
// for the next one and says so.
//
// Kept in storage.session: no secret in it (an account id and a step number), it outlives a
// worker stopped within the step, and it is gone with the browser session (a step is 30 s).
import type { StorageArea } from '../storage';

const KEY = 'fill.usedSteps';
/** Entries older than this many steps are dropped on the next write (they can never matter again). */
const KEEP_STEPS = 4;

/** A TOTP time step: `step` counts periods since the epoch on the clock the account's server uses. */
export interface TimeStep { step: number; periodSeconds: number }

export class UsedSteps {
  constructor(private readonly session: StorageArea) {}

  /** True when `step` (or a later one) of the account was already used. */
  async isUsed(accountId: string, step: TimeStep): Promise<boolean> {
    const used = (await this.read())[accountId];
    return used !== undefined && used.periodSeconds === step.periodSeconds && used.step >= step.step;
  }

  async markUsed(accountId: string, step: TimeStep): Promise<void> {
    const all = await this.read();
    const current = all[accountId];
    if (current && current.periodSeconds === step.periodSeconds && current.step >= step.step) return;
    all[accountId] = step;
    // Old entries go: an account's step from minutes ago cannot collide with a current one.
    for (const [id, s] of Object.entries(all)) if (s.step < step.step - KEEP_STEPS * (s.periodSeconds === step.periodSeconds ? 1 : Infinity)) delete all[id];
    await this.session.set({ [KEY]: all });
  }

  /** Forgets an account's steps (account deleted). */
  async forget(accountId: string): Promise<void> {
    const all = await this.read();
    if (!(accountId in all)) return;
    delete all[accountId];
    await this.session.set({ [KEY]: all });
  }

  private async read(): Promise<Record<string, TimeStep>> {
    const raw = (await this.session.get(KEY))[KEY];
    if (typeof raw !== 'object' || raw === null) return {};
    const out: Record<string, TimeStep> = {};
    for (const [id, s] of Object.entries(raw as Record<string, unknown>)) {
      const step = s as Partial<TimeStep>;
      if (Number.isSafeInteger(step.step) && Number.isSafeInteger(step.periodSeconds)) out[id] = { step: step.step!, periodSeconds: step.periodSeconds! };
    }
    return out;
  }
}
