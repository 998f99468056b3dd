// What differs between two zips, entry by entry: what scripts/verify-source-archive.mjs prints
// when a package rebuilt from the source archive is not byte-identical to the submitted one. The
// zips are read with fflate (the library that writes them), not by parsing `unzip -Z -v` text:
// that layout is unzip's, and the regex once used over it matched no entry, so a mismatch was
// reported without the files that differ.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';

const describe = (data) => `${data.length} bytes, sha256 ${createHash('sha256').update(data).digest('hex').slice(0, 16)}`;

/**
 * One line per entry whose bytes differ or that only one zip holds; when every entry's bytes
 * agree but the files do not, one line saying the zips differ only in their own structure.
 * Empty when the two files are identical.
 * @param {string} submittedPath @param {string} rebuiltPath @returns {string[]}
 */
export function zipDifferences(submittedPath, rebuiltPath) {
  const [submittedBytes, rebuiltBytes] = [readFileSync(submittedPath), readFileSync(rebuiltPath)];
  if (submittedBytes.equals(rebuiltBytes)) return [];
  const submitted = unzipSync(new Uint8Array(submittedBytes));
  const rebuilt = unzipSync(new Uint8Array(rebuiltBytes));
  const lines = [];
  for (const name of [...new Set([...Object.keys(submitted), ...Object.keys(rebuilt)])].sort()) {
    const [before, after] = [submitted[name], rebuilt[name]];
    if (!after) lines.push(`${name}: only in the submitted package`);
    else if (!before) lines.push(`${name}: only in the rebuilt package`);
    else if (!Buffer.from(before).equals(Buffer.from(after))) lines.push(`${name}: ${describe(before)} → ${describe(after)}`);
  }
  if (lines.length > 0) return lines;
  const order = (entries) => Object.keys(entries).join('\n');
  return [order(submitted) === order(rebuilt)
    ? 'every entry has the same bytes: the zips differ in dates, attributes or compression'
    : 'every entry has the same bytes: the zips list them in another order'];
}
