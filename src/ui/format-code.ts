/** Shows a one-time code in two groups ("123 456", "1234 5678") so it is easier to read and type. */
export function formatCode(code: string): string {
  if (!/^\d{6,10}$/.test(code)) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
