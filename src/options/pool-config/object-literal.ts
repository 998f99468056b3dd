/**
 * Gen 1's aws-exports.js is JavaScript (`const awsmobile = { … }; export default awsmobile;`).
 * It is never run: the text of the first object literal assigned or exported is cut out by a
 * scanner that knows strings and comments, and only that text is parsed, as JSON5 (quoted or bare
 * keys, single quotes, trailing commas, comments: what people do to the file by hand). Anything
 * that is code (a call, a variable, a spread) is not JSON5 and the parse fails.
 */
// json5's CommonJS parser itself, not its package entry: the bundled dist build carries a global
// shim with `Function('return this')`, which web-ext lint rejects as eval.
import parseJson5 from 'json5/lib/parse.js';

/** The object literal after the first `=` or `export default`, as text; undefined when there is none. */
export function firstObjectLiteral(source: string): string | undefined {
  const start = findLiteralStart(source);
  if (start === undefined) return undefined;
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(source, i);
      if (i < 0) return undefined;
    } else if (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) {
      i = skipComment(source, i);
      if (i < 0) return undefined;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  return undefined;
}

/** Parses an object literal's text without evaluating it; undefined when it is not one. */
export function parseObjectLiteral(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parseJson5(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

function findLiteralStart(source: string): number | undefined {
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(source, i);
      if (i < 0) return undefined;
    } else if (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) {
      i = skipComment(source, i);
      if (i < 0) return undefined;
    } else if (c === '=' && source[i + 1] !== '=' && source[i + 1] !== '>' || source.startsWith('export default', i)) {
      const after = c === '=' ? i + 1 : i + 'export default'.length;
      const next = skipSpace(source, after);
      if (source[next] === '{') return next;
    }
  }
  return undefined;
}

function skipSpace(source: string, from: number): number {
  let i = from;
  while (i < source.length && /\s/.test(source[i]!)) i++;
  return i;
}

/** Index of the closing quote of the string opened at `at`, or -1 when it never closes. */
function skipString(source: string, at: number): number {
  const quote = source[at];
  for (let i = at + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i;
  }
  return -1;
}

/** Index of the last character of the comment opened at `at`, or -1 for a block comment never closed. */
function skipComment(source: string, at: number): number {
  if (source[at + 1] === '/') {
    const end = source.indexOf('\n', at);
    return end < 0 ? source.length : end;
  }
  const end = source.indexOf('*/', at + 2);
  return end < 0 ? -1 : end + 1;
}
