// Every way the vault locks or opens is told to the open pages (the lock-state broadcast the
// pages follow live, src/ui/lock-watch.ts): the lock request, the auto-lock alarm, the idle and
// screen-lock events, unlock and setup; and only once the vault key is really gone (or there).
import { describe, expect, it } from 'vitest';
import { cognitoEngineDeps } from '../../src/background/agent/engine-deps';
import { createContext } from '../../src/background/context';
import { AUTO_LOCK_ALARM } from '../../src/background/lock/auto-lock';
import { handleMessage } from '../../src/background/router';
import { SESSION_KEY } from '../../src/background/vault/format';
import { isLockStateEvent } from '../../src/shared/events';
import { allowAllPermissions, memoryStores, POPUP, RecordingAlarms, RecordingIdle, SELF } from './background-helpers';

function worker() {
  const stores = memoryStores();
  const told: { locked: boolean; keyPresent: boolean }[] = [];
  const ctx = createContext({
    stores, alarms: new RecordingAlarms(), idle: new RecordingIdle(), permissions: allowAllPermissions,
    makeDeps: cognitoEngineDeps,
    announceLock: async (locked) => { told.push({ locked, keyPresent: stores.session.data.has(SESSION_KEY) }); },
  });
  const send = (msg: unknown) => handleMessage(msg, POPUP, SELF, ctx) as Promise<any>;
  return { ctx, send, told };
}

describe('lock-state broadcast', () => {
  it('tells the pages after setup, lock, unlock, the auto-lock alarm and the idle events, with the key already gone on a lock', async () => {
    const { ctx, send, told } = worker();
    expect(await send({ type: 'setup-vault', password: 'long enough pw' })).toMatchObject({ ok: true });
    expect(await send({ type: 'lock' })).toMatchObject({ ok: true });
    expect(await send({ type: 'unlock', password: 'long enough pw' })).toMatchObject({ ok: true });
    expect(await ctx.lock.onAlarm(AUTO_LOCK_ALARM)).toBe(true);
    await send({ type: 'unlock', password: 'long enough pw' });
    await ctx.lock.onIdleStateChanged('locked');
    await send({ type: 'unlock', password: 'long enough pw' });
    await ctx.lock.onIdleStateChanged('idle');
    expect(told).toEqual([
      { locked: false, keyPresent: true },
      { locked: true, keyPresent: false },
      { locked: false, keyPresent: true },
      { locked: true, keyPresent: false }, // auto-lock alarm
      { locked: false, keyPresent: true },
      { locked: true, keyPresent: false }, // screen locked
      { locked: false, keyPresent: true },
      { locked: true, keyPresent: false }, // idle past the auto-lock minutes
    ]);
  });

  it('tells nothing for a wrong password or an alarm that is not the auto-lock', async () => {
    const { ctx, send, told } = worker();
    await send({ type: 'setup-vault', password: 'long enough pw' });
    await send({ type: 'lock' });
    told.length = 0;
    expect(await send({ type: 'unlock', password: 'wrong password!' })).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(await ctx.lock.onAlarm('something-else')).toBe(false);
    expect(told).toEqual([]);
  });

  it('the event pages accept is exactly { event, locked }', () => {
    expect(isLockStateEvent({ event: 'lock-state', locked: true })).toBe(true);
    expect(isLockStateEvent({ event: 'lock-state', locked: 'yes' })).toBe(false);
    expect(isLockStateEvent({ event: 'lock-state', locked: false, extra: 1 })).toBe(false);
    expect(isLockStateEvent({ type: 'status' })).toBe(false);
    expect(isLockStateEvent(null)).toBe(false);
  });
});
