// The toolbar badge's global text: how many page sign-ins wait for the person's approval. Code
// fill sets a per-tab text ("…", "?": src/background/fill/code-fill.ts), which the browser shows
// over this one on that tab only.
export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** Dark amber: readable under the white badge text (contrast above 4.5:1) in light and dark toolbars. */
const WAITING_COLOR = '#8a4b00';

export async function showWaitingCount(badge: BadgeApi, count: number): Promise<void> {
  if (count > 0) await badge.setBadgeBackgroundColor({ color: WAITING_COLOR });
  await badge.setBadgeText({ text: count > 0 ? String(Math.min(count, 99)) : '' });
}
