// src/background/badge.ts over in-memory storage.session, drawing into a recorder of the action
// API calls (the browsers' own badge is read in test/e2e/badge.test.ts): counts per reason, the
// failure colour first, the title lines, nothing drawn when nothing changed, and a new instance
// (a restarted worker) still clearing what the previous one raised.
import { describe, expect, it } from 'vitest';
import { MemoryStorageArea } from '../background/background-helpers';
import { Badge, type BadgeApi } from '../../src/background/badge';

function recorder() {
  const calls: string[] = [];
  const shown = { text: '', title: '', color: '' };
  const api: BadgeApi = {
    async setBadgeText({ text }) { calls.push('text'); shown.text = text; },
    async setBadgeBackgroundColor({ color }) { calls.push('color'); shown.color = color; },
    async setTitle({ title }) { calls.push('title'); shown.title = title; },
  };
  return { api, calls, shown };
}
const translate = (key: string, subs?: string | string[]) => (subs === undefined ? key : `${key}(${[subs].flat().join(',')})`);

describe('toolbar badge', () => {
  it('counts what waits, says what in the title, and is empty once everything is resolved', async () => {
    const session = new MemoryStorageArea();
    const { api, shown } = recorder();
    const badge = new Badge(session, api, translate);
    await badge.raise('approval', 'flow-1');
    expect(shown).toEqual({ text: '1', title: 'extName\nbadgeApprovalWaiting(1)', color: '#0a58ca' });
    await badge.raise('approval', 'flow-2');
    await badge.raise('approval', 'flow-2'); // the same flow twice counts once
    await badge.raise('refresh-failed', 'account-1');
    expect(shown).toEqual({ text: '3', title: 'extName\nbadgeRefreshFailed(1)\nbadgeApprovalWaiting(2)', color: '#b42318' });
    await badge.clear('approval', 'flow-1');
    await badge.set('approval', []);
    expect(shown).toMatchObject({ text: '1', title: 'extName\nbadgeRefreshFailed(1)' });
    await badge.clear('refresh-failed', 'account-1');
    expect(shown).toMatchObject({ text: '', title: 'extName' });
  });

  it('draws nothing when nothing changed, and a restarted worker clears what the last one raised', async () => {
    const session = new MemoryStorageArea();
    const first = recorder();
    await new Badge(session, first.api, translate).raise('refresh-failed', 'account-1');
    const second = recorder();
    const restarted = new Badge(session, second.api, translate);
    await restarted.clear('approval', 'not-held');
    await restarted.raise('refresh-failed', 'account-1');
    expect(second.calls).toEqual([]);
    expect(await restarted.held()).toEqual({ 'refresh-failed': ['account-1'] });
    await restarted.clear('refresh-failed', 'account-1');
    expect(second.shown.text).toBe('');
    expect(await restarted.held()).toEqual({});
  });

  it('a failing action API does not fail the caller, and later updates still happen', async () => {
    const session = new MemoryStorageArea();
    let fail = true;
    const shown = { text: '' };
    const api: BadgeApi = {
      async setBadgeText({ text }) { if (fail) throw new Error('no action API'); shown.text = text; },
      async setBadgeBackgroundColor() {},
      async setTitle() {},
    };
    const badge = new Badge(session, api, translate);
    await expect(badge.raise('approval', 'flow-1')).resolves.toBeUndefined();
    fail = false;
    await badge.raise('approval', 'flow-2');
    expect(shown.text).toBe('2');
  });
});
