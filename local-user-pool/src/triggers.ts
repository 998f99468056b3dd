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
import { checkResponse, invalidLambdaResponse, unexpectedLambda, userLambdaValidation } from './lambda-errors.js';

export type TriggerName = 'define-auth-challenge' | 'create-auth-challenge' | 'verify-auth-challenge-response' | 'pre-token-generation';

const LAMBDA_NAMES: Record<TriggerName, string> = {
  'define-auth-challenge': 'DefineAuthChallenge',
  'create-auth-challenge': 'CreateAuthChallenge',
  'verify-auth-challenge-response': 'VerifyAuthChallengeResponse',
  'pre-token-generation': 'PreTokenGeneration',
};

/** Cognito waits 5 seconds for a trigger to answer (developer guide, Lambda triggers). */
export const LAMBDA_TIMEOUT_MS = 5000;

type LambdaEvent = Record<string, unknown> & { response: Record<string, unknown> };

export class TriggerRunner {
  /** `timeoutMs`: how long Cognito waits for a trigger (5 s on AWS) */
  constructor(
    private readonly dir?: string,
    private readonly timeoutMs = LAMBDA_TIMEOUT_MS,
  ) {}

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

  /**
   * Runs a trigger and returns its response, checked against the trigger's response shape
   * (lambda-errors.ts: which failure becomes which exception).
   */
  async run(
    pool: PoolRecord,
    name: TriggerName,
    triggerSource: string,
    base: { userName: string; clientId: string; request: Record<string, unknown>; response: Record<string, unknown> },
  ): Promise<Record<string, unknown> | undefined> {
    const file = this.find(pool, name);
    if (!file) return undefined;
    const handler = await this.load(file, name);
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
    let result: unknown;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = Symbol('timed out');
    try {
      result = await Promise.race([
        Promise.resolve().then(() => handler(event)),
        new Promise<typeof timedOut>((resolve) => (timer = setTimeout(() => resolve(timedOut), this.timeoutMs))),
      ]);
    } catch (e) {
      throw userLambdaValidation(LAMBDA_NAMES[name], e instanceof Error ? e.message : String(e));
    } finally {
      clearTimeout(timer);
    }
    if (result === timedOut) throw unexpectedLambda(LAMBDA_NAMES[name], 'Socket timeout while invoking Lambda function');
    // a Node.js handler may return the event, or return nothing after filling event.response
    if (result === undefined || result === null) return checkResponse(name, event.response);
    if (typeof result !== 'object' || Array.isArray(result)) throw invalidLambdaResponse();
    const response = (result as { response?: unknown }).response;
    return checkResponse(name, response === undefined ? event.response : response);
  }

  /** The function's handler; a module that does not load or has no handler cannot be invoked. */
  private async load(file: string, name: TriggerName): Promise<(e: LambdaEvent) => unknown> {
    let mod: { handler?: unknown; default?: unknown };
    try {
      // the mtime query makes an edited trigger take effect without restarting the pool
      mod = (await import(`${pathToFileURL(file).href}?v=${statSync(file).mtimeMs}`)) as typeof mod;
    } catch (e) {
      throw unexpectedLambda(LAMBDA_NAMES[name], `Runtime.ImportModuleError: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const def = mod.default as { handler?: unknown } | ((e: LambdaEvent) => unknown) | undefined;
    const handler = mod.handler ?? (typeof def === 'function' ? def : def?.handler);
    if (typeof handler !== 'function') throw unexpectedLambda(LAMBDA_NAMES[name], 'Runtime.HandlerNotFound: the module does not export handler');
    return handler as (e: LambdaEvent) => unknown;
  }
}
