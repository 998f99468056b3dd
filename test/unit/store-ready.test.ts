// What the Chrome Web Store and AMO check before a listing, checked here first: the licence the
// package claims is the one shipped, a gecko id that is stable and not a placeholder, a name that
// says "for Amazon Cognito" with the not-affiliated line in every language, and icons of the sizes
// the stores ask for (128 px: a 96 px drawing with 16 px transparent padding).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GECKO_ID, manifestFor } from '../../manifest.config';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json'));
const locales = readdirSync(join(root, 'public/_locales'));
const messagesOf = (lang: string) => JSON.parse(read(`public/_locales/${lang}/messages.json`)) as Record<string, { message: string }>;

/** Decodes an 8-bit RGBA, non-interlaced PNG (what render-icons.ts writes) into its alpha channel. */
function pngAlpha(path: string): { width: number; height: number; alpha: (x: number, y: number) => number } {
  const bytes = readFileSync(join(root, path));
  const width = bytes.readUInt32BE(16), height = bytes.readUInt32BE(20);
  expect([bytes[24], bytes[25], bytes[28]], `${path}: 8-bit RGBA, not interlaced`).toEqual([8, 6, 0]);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at), type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4, pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= 4 ? pixels[y * stride + i - 4]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = i >= 4 && y > 0 ? pixels[(y - 1) * stride + i - 4]! : 0;
      const paeth = () => { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); return pa <= pb && pa <= pc ? a : pb <= pc ? b : c; };
      const predicted = [0, a, b, (a + b) >> 1, paeth()][filter]!;
      pixels[y * stride + i] = (x + predicted) & 0xff;
    }
  }
  return { width, height, alpha: (x, y) => pixels[y * stride + x * 4 + 3]! };
}

describe('store readiness', () => {
  it('ships a LICENSE of the licence package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect(read('LICENSE')).toContain('Permission is hereby granted, free of charge');
  });

  it('has a gecko id that is not a placeholder domain', () => {
    expect((manifestFor('firefox') as { browser_specific_settings?: { gecko: { id: string } } }).browser_specific_settings?.gecko.id).toBe(GECKO_ID);
    expect(GECKO_ID).toMatch(/^[a-z0-9-]+@[a-z0-9.-]+$/);
    expect(GECKO_ID).not.toMatch(/@(.*\.)?(example|test|invalid|localhost)(\.|$)/);
  });

  it.each(locales)('is named "… for Amazon Cognito" and says it is not affiliated with AWS (%s)', (lang) => {
    const m = messagesOf(lang);
    expect(m.extName!.message).toMatch(/^Authenticator \S+ Amazon Cognito$/);
    expect(m.extName!.message.length).toBeLessThanOrEqual(75); // Chrome's limit for name
    expect(m.extDescription!.message).toMatch(/AWS/);
    expect(m.extDescription!.message).not.toMatch(/\b(SRP|TOTP)\b/);
    expect(m.extDescription!.message.length).toBeLessThanOrEqual(132); // Chrome's limit for description
  });

  it('says in the README that it is not affiliated with AWS', () => {
    expect(read('README.md')).toMatch(/^# Authenticator for Amazon Cognito$/m);
    expect(read('README.md')).toMatch(/not affiliated with/);
  });

  it('names an icon of every size it ships, each a square PNG of that size', () => {
    const icons = manifestFor('chrome').icons as Record<string, string>;
    expect(Object.keys(icons).map(Number)).toEqual([16, 32, 48, 96, 128]);
    for (const [size, file] of Object.entries(icons)) {
      const png = pngAlpha(`public/${file}`);
      expect([png.width, png.height], file).toEqual([Number(size), Number(size)]);
    }
  });

  it('draws the 128 px icon at 96 px with 16 px of transparent padding (Chrome Web Store)', () => {
    const png = pngAlpha('public/icons/icon-128.png');
    let opaqueOutside = 0, box = { left: 128, top: 128, right: -1, bottom: -1 };
    for (let y = 0; y < 128; y++) for (let x = 0; x < 128; x++) {
      if (png.alpha(x, y) === 0) continue;
      box = { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) };
      if (x < 16 || y < 16 || x >= 112 || y >= 112) opaqueOutside++;
    }
    expect(opaqueOutside).toBe(0);
    // The drawing reaches (close to) the edges of its 96 px box: not drawn smaller than asked.
    expect(box.left).toBeLessThanOrEqual(17);
    expect(box.top).toBeLessThanOrEqual(17);
    expect(box.right).toBeGreaterThanOrEqual(110);
    expect(box.bottom).toBeGreaterThanOrEqual(110);
  });

  it('justifies every permission and host permission the shipped manifests request (docs/store/permissions.md)', () => {
    const doc = read('docs/store/permissions.md');
    const headings = new Set([...doc.matchAll(/^### `([^`]+)`/gm)].map((m) => m[1]));
    for (const target of ['chrome', 'firefox'] as const) {
      const manifest = manifestFor(target) as { permissions: string[]; optional_permissions: string[]; optional_host_permissions: string[]; host_permissions: string[] };
      for (const permission of [...manifest.permissions, ...manifest.optional_permissions, ...manifest.optional_host_permissions]) {
        expect(headings, `${target}: ${permission}`).toContain(permission);
      }
      // The generated Cognito endpoints: one justification for the family, naming every suffix.
      for (const host of manifest.host_permissions) {
        const match = /^https:\/\/cognito-idp(-fips)?\.[a-z0-9-]+\.([a-z0-9.]+)\/\*$/.exec(host);
        expect(match, `${target}: ${host} is a Cognito user-pool endpoint`).not.toBeNull();
        expect(doc, `${target}: ${host}`).toContain(`\`${match![2]}\``);
      }
    }
    expect(headings).toContain('https://cognito-idp.<region>.<suffix>/*');
  });

  it('has listing texts per store and a privacy policy, in plain words and with the not-affiliated line', () => {
    for (const file of ['listing-chrome.md', 'listing-amo.md', 'privacy-policy.md']) {
      const text = read(`docs/store/${file}`);
      expect(text, file).toMatch(/not affiliated with/);
      expect(text, file).toMatch(/Authenticator for Amazon Cognito/);
    }
    const summary = (file: string) => /\*\*Summary\*\*[^\n]*\n?([^\n]+)/.exec(read(`docs/store/${file}`))?.[1]?.trim() ?? '';
    expect(summary('listing-chrome.md')).toBe(messagesOf('en').extDescription!.message);
    expect(summary('listing-amo.md').length).toBeLessThanOrEqual(250);
    for (const file of ['listing-chrome.md', 'listing-amo.md']) expect(summary(file), file).not.toMatch(/\b(SRP|TOTP)\b/);
    const policy = read('docs/store/privacy-policy.md');
    for (const fact of ['storage.local', 'storage.session', 'AES-256-GCM', 'PBKDF2', 'cognito-idp', 'No analytics']) expect(policy).toContain(fact);
  });

  it('tells in the privacy policy what each permission that reaches pages, the screen or the clipboard does', () => {
    // Each such permission, and the words of the policy's section on it.
    const described: Record<string, string> = {
      activeTab: 'captures an image of the visible tab',
      scripting: 'code-fill script',
      webRequest: "requests to Amazon Cognito as they are sent",
      notifications: '**Notifications**',
      clipboardWrite: 'overwrites the clipboard',
    };
    // The rest keep the vault, its timers and the menu entry, and reach no page.
    const noPageOrPersonalData = ['storage', 'alarms', 'idle', 'contextMenus', 'offscreen'];
    // Words as a reader sees them, whatever the line breaks.
    const policy = read('docs/store/privacy-policy.md').replace(/\s+/g, ' ');
    for (const target of ['chrome', 'firefox'] as const) {
      const manifest = manifestFor(target) as { permissions: string[]; optional_permissions: string[] };
      for (const permission of [...manifest.permissions, ...manifest.optional_permissions]) {
        if (noPageOrPersonalData.includes(permission)) continue;
        expect(described, `${target}: ${permission} is new: say in privacy-policy.md what it does`).toHaveProperty(permission);
        expect(policy, `${target}: ${permission}`).toContain(described[permission]);
      }
    }
  });

  it('has listing screenshots at 1280x800 and the 440x280 tile, opaque (the stores refuse alpha)', () => {
    const dir = 'docs/store/screenshots';
    const files = readdirSync(join(root, dir)).filter((f) => f.endsWith('.png')).sort();
    expect(files.filter((f) => /^\d-/.test(f)).length).toBeGreaterThanOrEqual(3);
    expect(files).toContain('tile-440x280.png');
    for (const file of files) {
      const bytes = readFileSync(join(root, dir, file));
      const size = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      expect(size, file).toEqual(file === 'tile-440x280.png' ? [440, 280] : [1280, 800]);
      expect(bytes[25], `${file}: colour type 2 (RGB, no alpha)`).toBe(2);
    }
  });
});
