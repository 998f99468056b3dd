/**
 * Local stand-ins for Cognito's Lambda triggers. A pool's triggers are ES modules in
 * `<triggersDir>/<poolId>/` or, failing that, `<triggersDir>/<PoolName>/`, named after the trigger:
 *   define-auth-challenge, create-auth-challenge, verify-auth-challenge-response, pre-token-generation
 * (extension .mjs, .js or .ts), each exporting `handler(event)` that receives the Lambda event
 * shape and returns it (or mutates `event.response`), like a Node.js Lambda.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PoolRecord } from './store.js';
import { PoolError } from './errors.js';

export type TriggerName = 'define-auth-challenge' | 'create-auth-challenge' | 'verify-auth-challenge-response' | 'pre-token-generation';

const LAMBDA_NAMES: Record<TriggerName, string> = {
  'define-auth-challenge': 'DefineAuthChallenge',
  'create-auth-challenge': 'CreateAuthChallenge',
  'verify-auth-challenge-response': 'VerifyAuthChallengeResponse',
  'pre-token-generation': 'PreTokenGeneration',
};

type LambdaEvent = Record<string, unknown> & { response: Record<string, unknown> };

export class TriggerRunner {
  constructor(private readonly dir?: string) {}

  private find(pool: PoolRecord, name: TriggerName): string | undefined {
    if (!this.dir) return undefined;
    for (const sub of [pool.id, pool.name]) {
      for (const ext of ['.mjs', '.js', '.ts']) {
        const p = join(this.dir, sub, name + ext);
        if (existsSync(p)) return p;
      }
    }
    return undefined;
  }

  has(pool: PoolRecord, name: TriggerName): boolean {
    return this.find(pool, name) !== undefined;
  }

  /** Runs a trigger; a throw inside it becomes UserLambdaValidationException like a failing Lambda. */
  async run(
    pool: PoolRecord,
    name: TriggerName,
    triggerSource: string,
    base: { userName: string; clientId: string; request: Record<string, unknown>; response: Record<string, unknown> },
  ): Promise<Record<string, unknown> | undefined> {
    const file = this.find(pool, name);
    if (!file) return undefined;
    // the mtime query makes an edited trigger take effect without restarting the pool
    const mod = (await import(`${pathToFileURL(file).href}?v=${statSync(file).mtimeMs}`)) as {
      handler?: (e: LambdaEvent) => unknown;
      default?: { handler?: (e: LambdaEvent) => unknown } | ((e: LambdaEvent) => unknown);
    };
    const handler =
      mod.handler ?? (typeof mod.default === 'function' ? mod.default : mod.default?.handler);
    if (typeof handler !== 'function')
      throw new PoolError('UserLambdaValidationException', `${LAMBDA_NAMES[name]} trigger ${file} does not export handler`);
    const event: LambdaEvent = {
      version: '1',
      region: pool.region,
      userPoolId: pool.id,
      userName: base.userName,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: base.clientId },
      triggerSource,
      request: base.request,
      response: base.response,
    };
    try {
      const result = (await handler(event)) as LambdaEvent | undefined;
      return (result && typeof result === 'object' && result.response) || event.response;
    } catch (e) {
      throw new PoolError(
        'UserLambdaValidationException',
        `${LAMBDA_NAMES[name]} failed with error ${e instanceof Error ? e.message : String(e)}.`,
      );
    }
  }
}
