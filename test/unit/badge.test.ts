// src/background/badge.ts over in-memory storage.session, drawing into a recorder of the action
// API calls (the browsers' own badge is read in test/e2e/badge.test.ts): counts per reason, the
// failure colour first, the title lines, nothing drawn when nothing changed, and a new instance
// (a restarted worker) still clearing what the previous one raised.
import { describe, expect, it } from 'vitest';
import { MemoryStorageArea } from '../background/background-helpers';
import { Badge, BADGE_PRIORITY, tabBadgeText, type BadgeApi } from '../../src/background/badge';

function recorder() {
  const calls: string[] = [];
  const shown = { text: '', title: '', color: '' };
  /** Each tab's own text (null: the global one shows there). */
  const tabs = new Map<number, string | null>();
  const api: BadgeApi = {
    async setBadgeText({ text, tabId }) {
      calls.push(tabId === undefined ? 'text' : `text ${tabId}`);
      if (tabId === undefined) shown.text = text ?? '';
      else tabs.set(tabId, text);
    },
    async setBadgeBackgroundColor({ color }) { calls.push('color'); shown.color = color; },
    async setTitle({ title }) { calls.push('title'); shown.title = title; },
  };
  return { api, calls, shown, tabs };
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
      async setBadgeText({ text }) { if (fail) throw new Error('no action API'); shown.text = text ?? ''; },
      async setBadgeBackgroundColor() {},
      async setTitle() {},
    };
    const badge = new Badge(session, api, translate);
    await expect(badge.raise('approval', 'flow-1')).resolves.toBeUndefined();
    fail = false;
    await badge.raise('approval', 'flow-2');
    expect(shown.text).toBe('2');
  });

  it('one priority rule for a tab: "pick an account" first, then the global count, then "waiting for the next step"', () => {
    expect(BADGE_PRIORITY).toEqual(['fill-choose', 'count', 'fill-waiting']);
    expect(tabBadgeText(0, undefined)).toBeNull();
    expect(tabBadgeText(0, 'fill-choose')).toBe('?');
    expect(tabBadgeText(0, 'fill-waiting')).toBe('…');
    expect(tabBadgeText(2, 'fill-choose')).toBe('?');
    // null: the tab shows the global text, the count of what waits.
    expect(tabBadgeText(2, 'fill-waiting')).toBeNull();
    expect(tabBadgeText(2, undefined)).toBeNull();
  });

  it("draws a tab's mark by that rule, again whenever the global count changes, and hands the tab back to the global text", async () => {
    const session = new MemoryStorageArea();
    const { api, shown, tabs } = recorder();
    const badge = new Badge(session, api, translate);
    await badge.markTab(4, 'fill-waiting');
    await badge.markTab(5, 'fill-choose');
    expect([tabs.get(4), tabs.get(5), shown.text]).toEqual(['…', '?', '']);
    // Something waits: the count outranks "waiting" on tab 4, not "pick" on tab 5.
    await badge.raise('approval', 'flow-1');
    expect([tabs.get(4), tabs.get(5), shown.text]).toEqual([null, '?', '1']);
    await badge.clear('approval', 'flow-1');
    expect([tabs.get(4), tabs.get(5), shown.text]).toEqual(['…', '?', '']);
    // The fill happened: the tab shows the global badge again, and is no longer redrawn.
    await badge.markTab(5, undefined);
    expect(tabs.get(5)).toBeNull();
    tabs.delete(5);
    await badge.raise('refresh-failed', 'account-1');
    expect([tabs.get(4), tabs.has(5)]).toEqual([null, false]);
    // A tab that loaded another page or closed: forgotten, and no longer redrawn.
    await badge.forgetTab(4);
    expect(tabs.get(4)).toBeNull();
    tabs.delete(4);
    await badge.clear('refresh-failed', 'account-1');
    expect(tabs.size).toBe(0);
    expect(await badge.held()).toEqual({});
  });
});
