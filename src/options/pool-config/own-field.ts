/**
 * Reading a parsed configuration safely: only own properties of plain objects are looked at, so
 * keys such as "__proto__" or "constructor" in a hostile file neither answer for a missing key
 * nor reach any prototype (nothing here merges or assigns from the parsed object).
 */
export function ownObject(value: unknown, key: string): Record<string, unknown> | undefined {
  const child = ownValue(value, key);
  return typeof child === 'object' && child !== null && !Array.isArray(child) ? child as Record<string, unknown> : undefined;
}

export function ownString(value: unknown, key: string): string | undefined {
  const child = ownValue(value, key);
  return typeof child === 'string' ? child.trim() : undefined;
}

function ownValue(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
