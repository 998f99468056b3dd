/**
 * Fills the Cognito form from what people already have: an Amplify configuration file or the
 * address of a Hosted UI or console page. Pure text in, a checked finding out; nothing here is
 * evaluated, fetched or stored. The form shows the finding before anything is saved.
 */
import { readAmplifyConfig } from './amplify-config';
import { readCognitoUrl } from './cognito-urls';
import { MAX_POOL_CONFIG_CHARS, type PoolConfigResult } from './finding';

export type { PoolConfigField, PoolConfigFinding, PoolConfigProblem, PoolConfigResult, PoolConfigSource } from './finding';
export { fieldHints, MAX_POOL_CONFIG_CHARS } from './finding';

export function readPoolConfig(text: string): PoolConfigResult {
  if (text.length > MAX_POOL_CONFIG_CHARS) return { ok: false, problem: 'too-large' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (/^https?:\/\/\S+$/i.test(trimmed)) return readCognitoUrl(trimmed);
  return readAmplifyConfig(trimmed);
}
