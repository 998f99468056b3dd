/**
 * Cognito user-pool (cognito-idp) endpoints as botocore resolves them, from the endpoint data the
 * Debian `awscli` package ships. Used by scripts/generate-cognito-endpoints.ts (writes the
 * committed list, src/cognito/user-pool-endpoints.data.ts) and by the test that checks that list
 * against the file on the machine (test/unit/cognito-endpoints.test.ts).
 *
 * The rule: every region botocore knows (partitions.json, each partition's named regions that
 * match its regionRegex; the "aws-global"-style pseudo-regions do not), resolved through the
 * service's own endpoint ruleset (cognito-idp/<version>/endpoint-rule-set-1.json) once plain and
 * once with UseFIPS. Dual-stack endpoints are left out: the extension never sends to them (a
 * person can still enter one as a custom endpoint and grant it). The older endpoints.json, which
 * lists the regions Cognito had when the data was cut (no China there), is a cross-check: every
 * host it names for cognito-idp must be in the list.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's awscli (v2, botocore vendored) and python3-botocore put the data. */
export const BOTOCORE_DATA_DIRS = [
  '/usr/lib/python3/dist-packages/awscli/botocore/data',
  '/usr/lib/python3/dist-packages/botocore/data',
];

export interface CognitoRegionEndpoints {
  region: string;
  /** https://cognito-idp.<region>.<dnsSuffix>, no trailing slash */
  endpoint: string;
  /** https://cognito-idp-fips.<region>.<dnsSuffix> */
  fips: string;
}

export interface BotocoreFiles {
  dir: string;
  ruleSet: string;
  partitions: string;
  endpoints: string;
}

/** The botocore data on this machine, or an error that says what to install. */
export function findBotocoreData(dirs: readonly string[] = process.env.BOTOCORE_DATA ? [process.env.BOTOCORE_DATA] : BOTOCORE_DATA_DIRS): BotocoreFiles {
  for (const dir of dirs) {
    const serviceDir = join(dir, 'cognito-idp');
    if (!existsSync(serviceDir)) continue;
    // One API version today (2016-04-18); the newest one wins if more appear.
    const version = readdirSync(serviceDir).filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)).sort().at(-1);
    const files = {
      dir,
      ruleSet: join(serviceDir, version ?? '?', 'endpoint-rule-set-1.json'),
      partitions: join(dir, 'partitions.json'),
      endpoints: join(dir, 'endpoints.json'),
    };
    const missing = [files.ruleSet, files.partitions, files.endpoints].filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`botocore data in ${dir} is incomplete: ${missing.join(', ')} missing`);
    return files;
  }
  throw new Error(`botocore's endpoint data (cognito-idp/*/endpoint-rule-set-1.json, partitions.json, endpoints.json) was not found in ${dirs.join(' or ')}: `
    + 'install the Debian awscli package (apt-get install awscli), or point BOTOCORE_DATA at a botocore data folder.');
}

interface Partition { id: string; regionRegex: string; regions: Record<string, unknown>; outputs: Record<string, unknown> }

/** The plain and FIPS endpoint of every region, in partitions.json order, regions sorted. */
export function deriveCognitoEndpoints(files: BotocoreFiles): CognitoRegionEndpoints[] {
  const ruleSet = JSON.parse(readFileSync(files.ruleSet, 'utf8')) as RuleSet;
  const partitions = (JSON.parse(readFileSync(files.partitions, 'utf8')) as { partitions: Partition[] }).partitions;
  const out: CognitoRegionEndpoints[] = [];
  for (const partition of partitions) {
    const pattern = new RegExp(partition.regionRegex);
    for (const region of Object.keys(partition.regions).filter((r) => pattern.test(r)).sort()) {
      const resolve = (UseFIPS: boolean) => resolveEndpoint(ruleSet, partitions, { Region: region, UseFIPS, UseDualStack: false });
      out.push({ region, endpoint: resolve(false), fips: resolve(true) });
    }
  }
  return out;
}

/** Every cognito-idp host endpoints.json names (regions, their variants, the fips-* pseudo-regions). */
export function legacyCognitoHosts(files: BotocoreFiles): string[] {
  type Endpoint = { hostname?: string; variants?: { hostname?: string }[] };
  const data = JSON.parse(readFileSync(files.endpoints, 'utf8')) as {
    partitions: { dnsSuffix: string; defaults: { hostname: string }; services: Record<string, { endpoints: Record<string, Endpoint> }> }[];
  };
  const hosts: string[] = [];
  for (const partition of data.partitions) {
    const service = partition.services['cognito-idp'];
    if (!service) continue;
    for (const [region, endpoint] of Object.entries(service.endpoints)) {
      hosts.push(endpoint.hostname ?? partition.defaults.hostname
        .replace('{service}', 'cognito-idp').replace('{region}', region).replace('{dnsSuffix}', partition.dnsSuffix));
      for (const variant of endpoint.variants ?? []) if (variant.hostname) hosts.push(variant.hostname);
    }
  }
  return hosts;
}

// --- A small evaluator for the Smithy endpoint rule sets botocore ships --------------------------
// Only what cognito-idp's rule set uses; anything else throws, so a changed rule set fails the
// generator and the test loudly instead of resolving to something wrong.

type Value = string | boolean | Record<string, unknown> | undefined;
interface Expr { fn?: string; argv?: unknown[]; ref?: string; assign?: string }
interface Rule { type: 'tree' | 'endpoint' | 'error'; conditions: Expr[]; rules?: Rule[]; endpoint?: { url: unknown }; error?: string }
interface RuleSet { version: string; parameters: Record<string, { default?: unknown }>; rules: Rule[] }

function resolveEndpoint(ruleSet: RuleSet, partitions: Partition[], params: Record<string, Value>): string {
  const scope: Record<string, Value> = {};
  for (const [name, p] of Object.entries(ruleSet.parameters)) scope[name] = (params[name] ?? p.default) as Value;
  const result = evaluateRules(ruleSet.rules, scope, partitions);
  if (result === undefined) throw new Error(`the cognito-idp rule set resolved nothing for ${JSON.stringify(params)}`);
  if ('error' in result) throw new Error(`the cognito-idp rule set refused ${JSON.stringify(params)}: ${result.error}`);
  const url = new URL(result.url);
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.port !== '') throw new Error(`unexpected endpoint ${result.url}`);
  return `https://${url.hostname}`;
}

function evaluateRules(rules: Rule[], outer: Record<string, Value>, partitions: Partition[]): { url: string } | { error: string } | undefined {
  for (const rule of rules) {
    const scope = { ...outer };
    if (!rule.conditions.every((c) => truthy(evaluate(c, scope, partitions, true)))) continue;
    if (rule.type === 'endpoint') return { url: String(evaluate(rule.endpoint!.url, scope, partitions)) };
    if (rule.type === 'error') return { error: String(evaluate(rule.error, scope, partitions)) };
    if (rule.type === 'tree') {
      // A tree whose conditions matched is terminal: falling out of it is an error in the spec.
      const found = evaluateRules(rule.rules ?? [], scope, partitions);
      if (found === undefined) throw new Error('the rule set fell out of a matched tree');
      return found;
    }
    throw new Error(`unknown rule type ${String((rule as { type: unknown }).type)}`);
  }
  return undefined;
}

const truthy = (v: Value) => v !== undefined && v !== false;

function evaluate(expr: unknown, scope: Record<string, Value>, partitions: Partition[], isCondition = false): Value {
  if (typeof expr === 'string') return template(expr, scope);
  if (typeof expr === 'boolean') return expr;
  const e = expr as Expr;
  if (e.ref !== undefined) return scope[e.ref];
  if (e.fn === undefined) throw new Error(`cannot evaluate ${JSON.stringify(expr)}`);
  const args = (e.argv ?? []).map((a) => evaluate(a, scope, partitions));
  let value: Value;
  switch (e.fn) {
    case 'isSet': value = args[0] !== undefined; break;
    case 'booleanEquals': value = args[0] === args[1]; break;
    case 'getAttr': value = (args[0] as Record<string, unknown> | undefined)?.[String(args[1])] as Value; break;
    case 'aws.partition': value = partitionOf(String(args[0]), partitions); break;
    case 'parseURL': throw new Error('parseURL: this evaluator never sets Endpoint');
    default: throw new Error(`the cognito-idp rule set uses ${e.fn}, which this generator does not evaluate: extend scripts/cognito-endpoints/derive.ts`);
  }
  if (isCondition && e.assign) scope[e.assign] = value;
  return value;
}

/** aws.partition: the partition that names the region, else the first whose regionRegex matches. */
function partitionOf(region: string, partitions: Partition[]): Record<string, unknown> | undefined {
  const found = partitions.find((p) => Object.hasOwn(p.regions, region)) ?? partitions.find((p) => new RegExp(p.regionRegex).test(region));
  return found?.outputs;
}

/** "{Region}" and "{PartitionResult#dnsSuffix}" placeholders. */
function template(text: string, scope: Record<string, Value>): string {
  return text.replace(/\{([A-Za-z]+)(?:#([A-Za-z]+))?\}/g, (_, name: string, attr?: string) => {
    const base = scope[name];
    const value = attr === undefined ? base : (base as Record<string, unknown> | undefined)?.[attr];
    if (typeof value !== 'string') throw new Error(`template ${text}: {${name}${attr ? `#${attr}` : ''}} is not a string`);
    return value;
  });
}
