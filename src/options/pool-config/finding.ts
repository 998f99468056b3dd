/**
 * What a pasted or picked pool configuration told us, in the Cognito form's own terms. Only values
 * that pass the protocol core's field rules (src/cognito/validate.ts) are kept; a value that is
 * present but breaks its rule is reported, never filled.
 */
export type PoolConfigSource =
  | 'amplify-outputs'     // Gen 2 amplify_outputs.json (auth.user_pool_id, …)
  | 'amplify-config'      // Gen 1 amplifyconfiguration.json (aws_user_pools_id, …)
  | 'aws-exports'         // Gen 1 aws-exports.js (the same keys, in a JS object literal)
  | 'amplify-resources'   // the object Amplify.configure takes (Auth.Cognito.userPoolId, …)
  | 'hosted-ui-url'       // a Hosted UI / Managed Login page's address
  | 'console-url';        // the AWS console's page of a user pool (or one of its app clients)

/** The fields of the Cognito form a configuration can fill. */
export type PoolConfigField = 'userPoolId' | 'clientId' | 'endpoint';

export interface PoolConfigFinding {
  source: PoolConfigSource;
  /** What to fill, each already checked against its field rule. */
  values: Partial<Record<PoolConfigField, string>>;
  /** The region the source names, also when the pool id (which carries it) is not known. */
  region?: string;
  /** A Hosted UI's domain (host) and the response_type of its link: shown, not filled. */
  domain?: string;
  responseType?: string;
  /** Fields this kind of source cannot tell (a Hosted UI link never names the pool). */
  notLearnt: PoolConfigField[];
  /** Fields the source had but whose value breaks the field's rule: not filled. */
  rejected: PoolConfigField[];
}

export type PoolConfigProblem =
  | 'empty'
  | 'too-large'         // over MAX_POOL_CONFIG_CHARS
  | 'not-recognised'    // neither an Amplify configuration nor a Cognito address
  | 'not-parseable'     // looked like a configuration but is not JSON / an object literal
  | 'no-user-pool';     // an Amplify configuration without a user pool in it

export type PoolConfigResult = { ok: true; finding: PoolConfigFinding } | { ok: false; problem: PoolConfigProblem };

/**
 * The largest text read. amplify_outputs.json can carry a data model introspection of a few
 * hundred KiB; nothing a person pastes legitimately comes near 2 MiB.
 */
export const MAX_POOL_CONFIG_CHARS = 2 * 1024 * 1024;

/**
 * The shape a field's value will have where the source tells part of it: a Hosted UI on a Cognito
 * domain (or any source naming a region) that cannot name the pool still says the pool id starts
 * with `<region>_`. The form shows it as the field's example (its placeholder) instead of the
 * generic one; it is not filled in as a value, so pasting the whole id from the console still
 * works. Nothing when the value itself is known or the region is not.
 */
export function fieldHints(finding: PoolConfigFinding): Partial<Record<PoolConfigField, string>> {
  if (finding.values.userPoolId !== undefined || finding.region === undefined) return {};
  return { userPoolId: `${finding.region}_…` };
}
