// The toolbar badge: how many things wait for the person (page sign-ins to approve). One place
// sets it, so two features never overwrite each other's count with their own.
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
