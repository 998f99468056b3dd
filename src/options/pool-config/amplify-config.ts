/**
 * Amplify's configuration files, in the shapes amplify-js itself reads (@aws-amplify/core
 * parseAmplifyOutputs / parseAWSExports, and the ResourcesConfig Amplify.configure takes):
 *   Gen 2 amplify_outputs.json     { version: "1…", auth: { aws_region, user_pool_id, user_pool_client_id } }
 *   Gen 1 amplifyconfiguration.json / aws-exports.js
 *                                  { aws_project_region, aws_cognito_region, aws_user_pools_id, aws_user_pools_web_client_id }
 *   ResourcesConfig                { Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint? } } }
 */
import { isClientId, isRegion, isUserPoolId } from '../../cognito/validate';
import { endpointPermission } from '../account-form-model';
import type { PoolConfigField, PoolConfigFinding, PoolConfigResult, PoolConfigSource } from './finding';
import { firstObjectLiteral, parseObjectLiteral } from './object-literal';
import { ownObject, ownString } from './own-field';

/** Reads a configuration file's text: JSON first, else the object literal of a JS module. */
export function readAmplifyConfig(text: string): PoolConfigResult {
  const trimmed = text.trim();
  let parsed: Record<string, unknown> | undefined;
  let fromJs = false;
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) parsed = value as Record<string, unknown>;
    } catch {
      // Not strict JSON: a hand-edited file, read as an object literal below.
    }
  }
  if (!parsed) {
    const literal = trimmed.startsWith('{') ? trimmed : firstObjectLiteral(trimmed);
    if (literal === undefined) return { ok: false, problem: 'not-recognised' };
    parsed = parseObjectLiteral(literal);
    if (!parsed) return { ok: false, problem: 'not-parseable' };
    fromJs = !trimmed.startsWith('{');
  }
  return findingFromConfig(parsed, fromJs);
}

function findingFromConfig(config: Record<string, unknown>, fromJs: boolean): PoolConfigResult {
  const gen2 = ownObject(config, 'auth');
  if (gen2) {
    return fromFields('amplify-outputs', {
      userPoolId: ownString(gen2, 'user_pool_id'), clientId: ownString(gen2, 'user_pool_client_id'), region: ownString(gen2, 'aws_region'),
    });
  }
  const cognito = ownObject(ownObject(config, 'Auth'), 'Cognito');
  if (cognito) {
    return fromFields('amplify-resources', {
      userPoolId: ownString(cognito, 'userPoolId'), clientId: ownString(cognito, 'userPoolClientId'), endpoint: ownString(cognito, 'userPoolEndpoint'),
    });
  }
  const gen1 = { userPoolId: ownString(config, 'aws_user_pools_id'), clientId: ownString(config, 'aws_user_pools_web_client_id'),
    region: ownString(config, 'aws_cognito_region') ?? ownString(config, 'aws_project_region') };
  if (gen1.userPoolId !== undefined || gen1.clientId !== undefined) return fromFields(fromJs ? 'aws-exports' : 'amplify-config', gen1);
  return { ok: false, problem: ownString(config, 'aws_project_region') !== undefined || ownString(config, 'version') !== undefined ? 'no-user-pool' : 'not-recognised' };
}

function fromFields(source: PoolConfigSource, found: { userPoolId?: string; clientId?: string; region?: string; endpoint?: string }): PoolConfigResult {
  if (found.userPoolId === undefined && found.clientId === undefined) return { ok: false, problem: 'no-user-pool' };
  const finding: PoolConfigFinding = { source, values: {}, notLearnt: [], rejected: [] };
  const keep = (field: PoolConfigField, value: string | undefined, rule: (v: string) => boolean) => {
    if (value === undefined || value === '') finding.notLearnt.push(field);
    else if (rule(value)) finding.values[field] = value;
    else finding.rejected.push(field);
  };
  keep('userPoolId', found.userPoolId, isUserPoolId);
  keep('clientId', found.clientId, isClientId);
  // Only the ResourcesConfig shape can name an endpoint; the files never do, so their absence is no gap.
  if (found.endpoint !== undefined) keep('endpoint', found.endpoint, (v) => endpointPermission(v).ok);
  const region = found.region ?? (finding.values.userPoolId ? finding.values.userPoolId.slice(0, finding.values.userPoolId.indexOf('_')) : undefined);
  if (region !== undefined && isRegion(region)) finding.region = region;
  return { ok: true, finding };
}
