// A zip whose bytes depend only on the files' names and bytes: entries sorted by name, every
// timestamp 1980-01-01 00:00, the same Unix mode for every file, deflate at level 9. The store
// packages and the AMO source archive are written with it, so a rebuild from the source archive
// gives the submitted .xpi byte for byte. The zip itself is fflate's (pure JavaScript, pinned in
// the lockfile), so its compressed bytes do not depend on the zlib a Node version bundles.
import { writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';

/** Local time fields of 1980-01-01 00:00, the earliest DOS date, whatever the time zone. */
const DOS_EPOCH = new Date(1980, 0, 1);
const ENTRY = { level: 9, mtime: DOS_EPOCH, os: 3 /* Unix */, attrs: (0o100644 << 16) >>> 0 };

/** @param {string} path @param {{ name: string, data: Buffer }[]} files */
export function writeZip(path, files) {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  /** @type {Record<string, [Uint8Array, typeof ENTRY]>} */
  const entries = {};
  for (const { name, data } of sorted) entries[name] = [new Uint8Array(data), ENTRY];
  writeFileSync(path, zipSync(entries));
}
