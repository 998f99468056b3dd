/**
 * How a Lambda trigger can fail, and the exception Cognito answers with:
 * - the handler throws (or rejects): UserLambdaValidationException, "<Trigger> failed with error
 *   <message>." — the trigger refused the request on purpose (AWS's wording);
 * - the function could not be run at all (its module does not load, it exports no handler: what
 *   Lambda reports as Runtime.ImportModuleError / Runtime.HandlerNotFound), or did not answer
 *   within Cognito's 5 seconds ("Socket timeout while invoking Lambda function"): the invocation
 *   itself failed, UnexpectedLambdaException;
 * - it ran but its output does not have the shape of the trigger's response (not an object, a
 *   member of the wrong type, a challenge name Cognito does not know): InvalidLambdaResponseException,
 *   "Unrecognizable lambda output" (AWS's wording).
 * The reference names the three exceptions without saying which failure is which; this split is
 * the pool's reading of AWS's wording ("user validation exception", "unexpected exception with the
 * AWS Lambda service", "invalid AWS Lambda response").
 */
import { PoolError } from './errors.js';

export const userLambdaValidation = (trigger: string, message: string) =>
  new PoolError('UserLambdaValidationException', `${trigger} failed with error ${message}.`);

export const unexpectedLambda = (trigger: string, why: string) =>
  new PoolError('UnexpectedLambdaException', `${trigger} failed with error ${why}.`);

export const invalidLambdaResponse = () => new PoolError('InvalidLambdaResponseException', 'Unrecognizable lambda output');

type Shape = 'string' | 'boolean' | 'stringMap' | 'stringList' | 'object';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fits(v: unknown, shape: Shape): boolean {
  switch (shape) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return isObject(v);
    case 'stringList':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'stringMap':
      // Lambda's JSON is read into string maps: numbers and booleans read as text, structures do not
      return isObject(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean');
  }
}

/** The response members each trigger may set, and their types (null or absent means "not set"). */
export const RESPONSE_SHAPES = {
  'define-auth-challenge': { challengeName: 'string', issueTokens: 'boolean', failAuthentication: 'boolean' },
  'create-auth-challenge': { publicChallengeParameters: 'stringMap', privateChallengeParameters: 'stringMap', challengeMetadata: 'string' },
  'verify-auth-challenge-response': { answerCorrect: 'boolean' },
  'pre-token-generation': { claimsOverrideDetails: 'object' },
} as const satisfies Record<string, Record<string, Shape>>;

/** Throws InvalidLambdaResponseException unless `response` has the trigger's response shape. */
export function checkResponse(trigger: keyof typeof RESPONSE_SHAPES, response: unknown): Record<string, unknown> {
  if (!isObject(response)) throw invalidLambdaResponse();
  const shapes: Record<string, Shape> = RESPONSE_SHAPES[trigger];
  for (const [member, shape] of Object.entries(shapes)) {
    const v = response[member];
    if (v !== undefined && v !== null && !fits(v, shape)) throw invalidLambdaResponse();
  }
  if (trigger === 'pre-token-generation' && isObject(response.claimsOverrideDetails)) {
    const d = response.claimsOverrideDetails;
    if (d.claimsToAddOrOverride != null && !fits(d.claimsToAddOrOverride, 'stringMap')) throw invalidLambdaResponse();
    if (d.claimsToSuppress != null && !fits(d.claimsToSuppress, 'stringList')) throw invalidLambdaResponse();
  }
  return response;
}
