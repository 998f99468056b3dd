// The README's first command starts with scripts/install-system-deps.sh: it must work for a person
// with sudo and for root on a machine without sudo (containers, CI). apt-get, sudo and id are
// replaced by recorders on PATH, because really installing packages is not a unit test's job; the
// script itself runs unchanged under /bin/sh.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const script = join(root, 'scripts/install-system-deps.sh');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** Runs the script as uid `uid`, with or without a sudo on PATH; returns what was called, in order. */
function run(uid: number, withSudo: boolean): { status: number | null; calls: string[] } {
  const bin = mkdtempSync(join(tmpdir(), 'install-deps-'));
  dirs.push(bin);
  const log = join(bin, 'calls.log');
  const tool = (name: string, body: string) => { writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`); chmodSync(join(bin, name), 0o755); };
  tool('id', `[ "$1" = "-u" ] && echo ${uid}`);
  tool('apt-get', `echo "apt-get $*" >> ${log}`);
  if (withSudo) tool('sudo', `echo "sudo $1" >> ${log}; "$@"`);
  const result = spawnSync('/bin/sh', [script], { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: 'utf8' });
  let calls: string[] = [];
  try { calls = readFileSync(log, 'utf8').trim().split('\n'); } catch { /* nothing was called */ }
  return { status: result.status, calls };
}

describe('scripts/install-system-deps.sh', () => {
  it('as root without sudo: runs apt-get directly', () => {
    const { status, calls } = run(0, false);
    expect(status).toBe(0);
    expect(calls[0]).toMatch(/^apt-get update/);
    expect(calls[1]).toMatch(/^apt-get install -y .*chromium chromium-l10n firefox-esr awscli unzip xvfb xdotool/);
    expect(calls.some((c) => c.startsWith('sudo'))).toBe(false);
  });

  it('as a user: runs every apt-get through sudo', () => {
    const { status, calls } = run(1000, true);
    expect(status).toBe(0);
    expect(calls.filter((c) => c.startsWith('sudo')).length).toBe(2);
    expect(calls.filter((c) => c.startsWith('apt-get')).length).toBe(2);
  });

  it('is what the README tells a person to run first', () => {
    const firstCommand = /```sh\n([^\n]+)\n/.exec(readFileSync(join(root, 'README.md'), 'utf8'))?.[1];
    expect(firstCommand).toMatch(/^sh scripts\/install-system-deps\.sh && npm ci && npm start$/);
  });
});
