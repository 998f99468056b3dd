// The web origin of a URL, as the browser compares them; undefined for anything but http(s).
// Stands in for src/shared/site-binding.ts's originOf until that lands on main (page-fill).
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}
