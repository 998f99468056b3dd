/**
 * Retained V8 heap of each client library in node: after its module graph is loaded, and after
 * it has done one SRP sign-in's client work (SRP_A + PASSWORD_CLAIM_SIGNATURE), each time after
 * full GCs, minus the same process's heap before the import. Every measurement is a fresh plain
 * `node --expose-gc` child (no tsx, no other library loaded), so the libraries cannot pollute
 * each other and no TypeScript loader's caches are counted.
 *
 * This project is loaded as an unminified ESM bundle of src/cognito/index.ts (esbuild, its
 * dependencies inlined): node cannot load the TypeScript sources itself, and unminified keeps the
 * source text (which V8 keeps on its heap) comparable with the other libraries' published JS.
 * The others are imported from node_modules the way an application imports them; for Amplify v6
 * that is `aws-amplify` (configure) and `aws-amplify/auth` (signIn).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { AMPLIFY_SRP_DIR, type ServerValues } from './srp-steps';

const run = promisify(execFile);

export interface LoadProbe {
  name: string;
  /** Module specifiers to import, in order (bare names resolve from the repository root). */
  imports: string[];
  /**
   * Body of an async function that does SRP_A then PASSWORD_CLAIM_SIGNATURE with `mods` (the
   * imported namespaces, in order) and `V` (ServerValues). Its locals die when it returns, so only
   * what the library itself keeps stays.
   */
  step: string;
}

export interface LoadResult {
  name: string;
  /** Bytes, one per child process. */
  imported: number[];
  afterUse: number[];
}

/** Bundles src/cognito/index.ts to a temporary .mjs; returns it with a clean-up. */
async function bundleThisProject(root: string): Promise<{ file: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cogauth-bench-memory-'));
  const file = join(dir, 'cognito.mjs');
  const out = await build({
    entryPoints: [join(root, 'src/cognito/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(file, out.outputFiles[0]!.contents);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function probes(ours: string): LoadProbe[] {
  const amplifySrp = pathToFileURL(join(AMPLIFY_SRP_DIR, 'index.mjs')).href;
  const amplifyBig = pathToFileURL(join(AMPLIFY_SRP_DIR, 'BigInteger/index.mjs')).href;
  return [
    {
      name: 'this project (src/cognito, whole core)',
      imports: [pathToFileURL(ours).href],
      step: `const [c] = mods;
        const ephemeral = c.createEphemeral();
        c.passwordClaimSignature({ ...V, ephemeral });`,
    },
    {
      name: 'amazon-cognito-identity-js',
      imports: ['amazon-cognito-identity-js', 'amazon-cognito-identity-js/lib/BigInteger.js', '@aws-crypto/sha256-js'],
      step: `const [lib, big, sha] = mods;
        const Helper = (lib.AuthenticationHelper ?? lib.default.AuthenticationHelper);
        const Jsbn = big.default.default ?? big.default;
        const Sha256 = sha.Sha256 ?? sha.default.Sha256;
        const helper = new Helper(V.poolName);
        helper.getPasswordAuthenticationKey(V.userId, V.password, new Jsbn(V.srpB, 16), new Jsbn(V.saltHex, 16), (err, hkdf) => {
          if (err) throw err;
          const mac = new Sha256(hkdf);
          mac.update(Buffer.concat([Buffer.from(V.poolName), Buffer.from(V.userId), Buffer.from(V.secretBlock, 'base64'), Buffer.from(V.timestamp)]));
          mac.digestSync();
        });`,
    },
    {
      name: 'cognito-srp-helper',
      imports: ['cognito-srp-helper'],
      step: `const [h] = mods;
        const session = h.createSrpSession(V.userId, V.password, V.poolId, false);
        h.signSrpSession(session, { ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: { SALT: V.saltHex, SRP_B: V.srpB, SECRET_BLOCK: V.secretBlock, USER_ID_FOR_SRP: V.userId } });`,
    },
    {
      name: 'Amplify v6 (aws-amplify + aws-amplify/auth)',
      imports: ['aws-amplify', 'aws-amplify/auth', amplifySrp, amplifyBig],
      step: `const [, , srp, { BigInteger }] = mods;
        const helper = await srp.getAuthenticationHelper(V.poolName);
        const hkdf = await helper.getPasswordAuthenticationKey({ username: V.userId, password: V.password,
          serverBValue: new BigInteger(V.srpB, 16), salt: new BigInteger(V.saltHex, 16) });
        srp.getSignatureString({ userPoolName: V.poolName, username: V.userId,
          challengeParameters: { SECRET_BLOCK: V.secretBlock }, dateNow: V.timestamp, hkdf });`,
    },
  ];
}

function childScript(probe: LoadProbe, values: ServerValues): string {
  return `
import v8 from 'node:v8';
const V = ${JSON.stringify(values)};
const live = () => { for (let i = 0; i < 3; i++) gc(); return v8.getHeapStatistics().used_heap_size; };
const base = live();
const mods = [];
for (const spec of ${JSON.stringify(probe.imports)}) mods.push(await import(spec));
const imported = live() - base;
await (async () => { ${probe.step} })();
const afterUse = live() - base;
process.stdout.write(JSON.stringify({ imported, afterUse }));`;
}

/** `runs` children per library, libraries interleaved so a slow patch of the machine hits all alike. */
export async function measureModuleLoad(root: string, values: ServerValues, runs: number): Promise<LoadResult[]> {
  const ours = await bundleThisProject(root);
  try {
    const list = probes(ours.file);
    const results: LoadResult[] = list.map((p) => ({ name: p.name, imported: [], afterUse: [] }));
    for (let r = 0; r < runs; r++) {
      for (const [i, probe] of list.entries()) {
        const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', childScript(probe, values)], {
          cwd: root,
          timeout: 60_000,
        }).catch((error: Error & { stderr?: string }) => {
          throw new Error(`loading ${probe.name} in a child node failed: ${(error.stderr ?? error.message).split('\n').slice(0, 6).join('\n')}`);
        });
        const parsed = JSON.parse(stdout) as { imported: number; afterUse: number };
        results[i]!.imported.push(parsed.imported);
        results[i]!.afterUse.push(parsed.afterUse);
      }
    }
    return results;
  } finally {
    ours.remove();
  }
}
