// What a worker does when the browser (re)starts it while the vault may still be unlocked
// (storage.session outlives the worker): the browser may have dropped alarms and the idle
// detection interval with the previous worker or a browser restart, so both are set again.
import type { Context } from './context';

export async function onWorkerStart(ctx: Pick<Context, 'vault' | 'agent' | 'lock' | 'pageScripts'>): Promise<void> {
  if (!(await ctx.vault.isUnlocked())) return; // locked: unlock does all of this
  await ctx.lock.resumeAfterWorkerStart();
  await ctx.agent.scheduleAllRefreshes();
  // The code-fill content script of the bound sites (a browser restart may have dropped it).
  await ctx.pageScripts.sync();
}
