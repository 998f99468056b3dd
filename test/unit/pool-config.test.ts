// The Cognito form's "fill from what you have" parsers (src/options/pool-config): real-shaped
// Amplify files and addresses, and hostile input (oversized, code instead of data, prototype keys).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldHints, MAX_POOL_CONFIG_CHARS, readPoolConfig, type PoolConfigResult } from '../../src/options/pool-config';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/pool-config', name), 'utf8');
function finding(result: PoolConfigResult) {
  if (!result.ok) throw new Error(`expected a finding, got the problem ${result.problem}`);
  return result.finding;
}

describe('Amplify configuration files', () => {
  it('reads a Gen 2 amplify_outputs.json (auth.user_pool_id, user_pool_client_id, aws_region)', () => {
    expect(finding(readPoolConfig(fixture('amplify_outputs.json')))).toEqual({
      source: 'amplify-outputs', values: { userPoolId: 'eu-west-1_AbCdEf123', clientId: '3n4b5urk1ft4fl3mg5e62d9ado' },
      region: 'eu-west-1', notLearnt: [], rejected: [],
    });
  });

  it('reads a Gen 1 aws-exports.js without running it', () => {
    expect(finding(readPoolConfig(fixture('aws-exports.js')))).toEqual({
      source: 'aws-exports', values: { userPoolId: 'us-east-2_Zx9Yw8Vu7', clientId: '7f2kq1r0m9a8b7c6d5e4f3g2h1' },
      region: 'us-east-2', notLearnt: [], rejected: [],
    });
  });

  it('reads a Gen 1 amplifyconfiguration.json', () => {
    const f = finding(readPoolConfig(fixture('amplifyconfiguration.json')));
    expect(f.source).toBe('amplify-config');
    expect(f.values).toEqual({ userPoolId: 'ap-southeast-2_Q1w2E3r4T', clientId: '1a2b3c4d5e6f7g8h9i0j1k2l3m' });
  });

  it('reads a hand-edited aws-exports.js: single quotes, bare keys, comments, trailing commas, export default', () => {
    const text = `// my config\nexport default {\n  aws_project_region: 'eu-central-1', /* pool: */ aws_user_pools_id: 'eu-central-1_Ab1',\n  aws_user_pools_web_client_id: "abc123", // "}" in a comment\n  note: 'a } brace',\n};\n`;
    const f = finding(readPoolConfig(text));
    expect(f.values).toEqual({ userPoolId: 'eu-central-1_Ab1', clientId: 'abc123' });
    expect(f.region).toBe('eu-central-1');
  });

  it("reads the object Amplify.configure takes, endpoint included (the test web apps' shape)", () => {
    const text = JSON.stringify({ Auth: { Cognito: { userPoolId: 'us-east-1_Local1', userPoolClientId: 'client1', userPoolEndpoint: 'http://127.0.0.1:9229/' } } });
    expect(finding(readPoolConfig(text)).values).toEqual({ userPoolId: 'us-east-1_Local1', clientId: 'client1', endpoint: 'http://127.0.0.1:9229/' });
  });

  it('keeps a value that breaks its field rule out of the form and says which', () => {
    const text = JSON.stringify({ version: '1', auth: { aws_region: 'eu-west-1', user_pool_id: 'not a pool id', user_pool_client_id: 'ok_client' } });
    const f = finding(readPoolConfig(text));
    expect(f.values).toEqual({ clientId: 'ok_client' });
    expect(f.rejected).toEqual(['userPoolId']);
  });

  it('says when a configuration has no user pool', () => {
    expect(readPoolConfig(JSON.stringify({ version: '1.4', storage: { bucket_name: 'b', aws_region: 'eu-west-1' } }))).toEqual({ ok: false, problem: 'no-user-pool' });
    expect(readPoolConfig(JSON.stringify({ aws_project_region: 'eu-west-1' }))).toEqual({ ok: false, problem: 'no-user-pool' });
    expect(readPoolConfig('{"hello": "world"}')).toEqual({ ok: false, problem: 'not-recognised' });
  });
});

describe('hostile configuration text', () => {
  it('refuses text over the size cap before parsing it', () => {
    const big = `{"aws_user_pools_id": "eu-west-1_A", "pad": "${'x'.repeat(MAX_POOL_CONFIG_CHARS)}"}`;
    expect(readPoolConfig(big)).toEqual({ ok: false, problem: 'too-large' });
  });

  it('does not run JavaScript: code in the literal is a parse failure, and nothing it names is called', () => {
    const g = globalThis as { poolConfigRan?: boolean };
    const text = 'const awsmobile = { aws_user_pools_id: (globalThis.poolConfigRan = true, "eu-west-1_A") }; export default awsmobile;';
    expect(readPoolConfig(text)).toEqual({ ok: false, problem: 'not-parseable' });
    expect(readPoolConfig('const awsmobile = { ...window.config, aws_user_pools_id: "eu-west-1_A" };')).toEqual({ ok: false, problem: 'not-parseable' });
    expect(readPoolConfig('const awsmobile = { aws_user_pools_id: `eu-west-1_${region}` };')).toEqual({ ok: false, problem: 'not-parseable' });
    expect(g.poolConfigRan).toBeUndefined();
  });

  it('finds no literal in plain code and none in a literal that never closes', () => {
    expect(readPoolConfig('fetch("https://evil.example/"); alert(1);')).toEqual({ ok: false, problem: 'not-recognised' });
    expect(readPoolConfig('const awsmobile = { "aws_user_pools_id": "eu-west-1_A", ')).toEqual({ ok: false, problem: 'not-recognised' });
  });

  it('ignores prototype keys: no value comes from __proto__ or constructor, and no prototype changes', () => {
    for (const text of [
      '{"__proto__": {"aws_user_pools_id": "eu-west-1_Proto", "aws_user_pools_web_client_id": "proto"}}',
      '{"constructor": {"prototype": {"aws_user_pools_id": "eu-west-1_Proto"}}}',
      '{"auth": {"__proto__": {"user_pool_id": "eu-west-1_Proto"}}, "version": "1"}',
      'export default { __proto__: { aws_user_pools_id: "eu-west-1_Proto" }, constructor: { prototype: { polluted: "yes" } } };',
    ]) {
      const result = readPoolConfig(text);
      expect(result.ok && result.finding.values.userPoolId, text).toBeFalsy();
    }
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
    expect(({} as { aws_user_pools_id?: string }).aws_user_pools_id).toBeUndefined();
  });

  it('reads only strings: numbers, arrays and objects where ids belong fill nothing', () => {
    const text = JSON.stringify({ version: '1', auth: { user_pool_id: ['eu-west-1_A'], user_pool_client_id: { id: 'x' }, aws_region: 5 } });
    expect(readPoolConfig(text)).toEqual({ ok: false, problem: 'no-user-pool' });
  });
});

describe('Hosted UI / Managed Login addresses', () => {
  it('reads the client id, region, domain and response type of a Cognito domain; the pool id cannot be learnt', () => {
    const f = finding(readPoolConfig('https://myapp-prod.auth.eu-west-1.amazoncognito.com/login?client_id=3n4b5urk1ft4fl3mg5e62d9ado&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fapp.example.com%2F'));
    expect(f).toEqual({ source: 'hosted-ui-url', values: { clientId: '3n4b5urk1ft4fl3mg5e62d9ado' }, region: 'eu-west-1',
      domain: 'myapp-prod.auth.eu-west-1.amazoncognito.com', responseType: 'code', notLearnt: ['userPoolId'], rejected: [] });
  });

  it("gives the pool id field its region's shape as a hint from a Cognito domain (Hosted UI and Managed Login, FIPS too)", () => {
    expect(fieldHints(finding(readPoolConfig('https://myapp-prod.auth.eu-west-1.amazoncognito.com/login?client_id=3n4b5urk1ft4fl3mg5e62d9ado&response_type=code'))))
      .toEqual({ userPoolId: 'eu-west-1_…' });
    expect(fieldHints(finding(readPoolConfig('https://gov-app.auth-fips.us-gov-west-1.amazoncognito.com/oauth2/authorize?client_id=abc123&response_type=code'))))
      .toEqual({ userPoolId: 'us-gov-west-1_…' });
  });

  it('gives no pool id hint where the address cannot tell the region (a custom domain, a Cognito domain whose region part is not shaped like a region), nor where the pool id is known', () => {
    expect(fieldHints(finding(readPoolConfig('https://auth.example.com/oauth2/authorize?response_type=token&client_id=abc123')))).toEqual({});
    expect(fieldHints(finding(readPoolConfig('https://myapp.auth.local.amazoncognito.com/login?client_id=abc123')))).toEqual({});
    expect(fieldHints(finding(readPoolConfig('https://eu-west-1.console.aws.amazon.com/cognito/v2/idp/user-pools/eu-west-1_AbCdEf123/overview')))).toEqual({});
  });

  it('reads a custom domain by its Hosted UI path and client_id; no region', () => {
    const f = finding(readPoolConfig('https://auth.example.com/oauth2/authorize?response_type=token&client_id=abc123&redirect_uri=https://app.example.com'));
    expect(f.values).toEqual({ clientId: 'abc123' });
    expect(f.region).toBeUndefined();
    expect(f.domain).toBe('auth.example.com');
    expect(f.responseType).toBe('token');
    expect(f.notLearnt).toEqual(['userPoolId']);
  });

  it('does not take any page with a client_id for a Hosted UI, nor plain http, nor a hostile client_id', () => {
    expect(readPoolConfig('https://shop.example.com/cart?client_id=abc')).toEqual({ ok: false, problem: 'not-recognised' });
    expect(readPoolConfig('http://myapp.auth.eu-west-1.amazoncognito.com/login?client_id=abc')).toEqual({ ok: false, problem: 'not-recognised' });
    const f = finding(readPoolConfig('https://myapp.auth.eu-west-1.amazoncognito.com/login?client_id=%3Cscript%3E'));
    expect(f.values).toEqual({});
    expect(f.rejected).toEqual(['clientId']);
  });
});

describe('AWS console addresses', () => {
  it("reads a pool's page: pool id and region, no client id", () => {
    const f = finding(readPoolConfig('https://eu-west-1.console.aws.amazon.com/cognito/v2/idp/user-pools/eu-west-1_AbCdEf123/overview?region=eu-west-1'));
    expect(f).toEqual({ source: 'console-url', values: { userPoolId: 'eu-west-1_AbCdEf123' }, region: 'eu-west-1', notLearnt: ['clientId'], rejected: [] });
  });

  it("reads an app client's page: pool id and client id", () => {
    const f = finding(readPoolConfig('https://us-east-1.console.aws.amazon.com/cognito/v2/idp/user-pools/us-east-1_Xy12/applications/app-clients/5abc6def7ghi/details?region=us-east-1'));
    expect(f.values).toEqual({ userPoolId: 'us-east-1_Xy12', clientId: '5abc6def7ghi' });
    expect(f.notLearnt).toEqual([]);
  });

  it("reads the older console's #/pool/<id> address", () => {
    const f = finding(readPoolConfig('https://console.aws.amazon.com/cognito/users/?region=ap-south-1#/pool/ap-south-1_Old1/details'));
    expect(f.values).toEqual({ userPoolId: 'ap-south-1_Old1' });
    expect(f.region).toBe('ap-south-1');
  });

  it('a console page of no pool, or of another service, fills nothing', () => {
    expect(readPoolConfig('https://eu-west-1.console.aws.amazon.com/cognito/v2/idp/user-pools?region=eu-west-1')).toEqual({ ok: false, problem: 'no-user-pool' });
    expect(readPoolConfig('https://eu-west-1.console.aws.amazon.com/s3/buckets/user-pools/eu-west-1_A')).toEqual({ ok: false, problem: 'no-user-pool' });
    expect(readPoolConfig('https://console.aws.amazon.com.evil.example/cognito/v2/idp/user-pools/eu-west-1_A')).toEqual({ ok: false, problem: 'not-recognised' });
  });
});

it('says an empty paste is empty', () => {
  expect(readPoolConfig('  \n ')).toEqual({ ok: false, problem: 'empty' });
});

it('reads own properties only (a parser that set a prototype from "__proto__" would not leak inherited ids)', async () => {
  const { ownString, ownObject } = await import('../../src/options/pool-config/own-field');
  const inherited = Object.create({ aws_user_pools_id: 'eu-west-1_Inherited', auth: { user_pool_id: 'eu-west-1_X' } }) as object;
  expect(ownString(inherited, 'aws_user_pools_id')).toBeUndefined();
  expect(ownObject(inherited, 'auth')).toBeUndefined();
  expect(ownString({ aws_user_pools_id: ' eu-west-1_Own ' }, 'aws_user_pools_id')).toBe('eu-west-1_Own');
});
