/**
 * Request-body field readers. A value of the wrong JSON type is a SerializationException (that is
 * how the AWS JSON protocol front end reacts before the service sees the request); a missing or
 * out-of-range value is an InvalidParameterException worded like AWS's model validation.
 */
import { PoolError, invalidParameter } from './errors.js';
import { table } from './store.js';

export type Body = Record<string, unknown>;

function typeError(field: string, expected: string): PoolError {
  return new PoolError('SerializationException', `Unexpected value type for ${field}: expected ${expected}`);
}

function constraint(field: string, value: unknown, rule: string): PoolError {
  const shown = typeof value === 'string' && value.length > 64 ? `${value.slice(0, 16)}...` : JSON.stringify(value);
  return invalidParameter(`1 validation error detected: Value ${shown} at '${lowerFirst(field)}' failed to satisfy constraint: ${rule}`);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export interface StrRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
  /** do not echo the value in error messages (passwords, codes, tokens) */
  secret?: boolean;
}

function checkString(field: string, v: string, rule: StrRule): string {
  const shown = rule.secret ? '[hidden]' : v;
  if (rule.min !== undefined && v.length < rule.min)
    throw constraint(field, shown, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && v.length > rule.max)
    throw constraint(field, shown, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(v))
    throw constraint(field, shown, `Member must satisfy regular expression pattern: ${rule.pattern.source}`);
  if (rule.oneOf && !rule.oneOf.includes(v))
    throw constraint(field, shown, `Member must satisfy enum value set: [${rule.oneOf.join(', ')}]`);
  return v;
}

export function optStr(body: Body, field: string, rule: StrRule = {}): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw typeError(field, 'string');
  return checkString(field, v, rule);
}

export function reqStr(body: Body, field: string, rule: StrRule = {}): string {
  const v = optStr(body, field, rule);
  if (v === undefined) throw constraint(field, null, 'Member must not be null');
  return v;
}

export function optBool(body: Body, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw typeError(field, 'boolean');
  return v;
}

export function optInt(body: Body, field: string, min?: number, max?: number): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(field, 'integer');
  if (min !== undefined && v < min) throw constraint(field, v, `Member must have value greater than or equal to ${min}`);
  if (max !== undefined && v > max) throw constraint(field, v, `Member must have value less than or equal to ${max}`);
  return v;
}

/** A string→string map (AuthParameters, ChallengeResponses, ClientMetadata). */
export function optMap(body: Body, field: string): Record<string, string> | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(field, 'map');
  const out = table<string>();
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (typeof val !== 'string') throw typeError(`${field}.${k}`, 'string');
    out[k] = val;
  }
  return out;
}

export function optObj(body: Body, field: string): Body | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(field, 'structure');
  return v as Body;
}

export function optList(body: Body, field: string): unknown[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw typeError(field, 'list');
  return v;
}

export function optStrList(body: Body, field: string): string[] | undefined {
  const l = optList(body, field);
  if (!l) return undefined;
  return l.map((x, i) => {
    if (typeof x !== 'string') throw typeError(`${field}[${i}]`, 'string');
    return x;
  });
}

/** [{Name, Value}] attribute lists. */
export function optAttributes(body: Body, field: string): Record<string, string> | undefined {
  const l = optList(body, field);
  if (!l) return undefined;
  const out = table<string>();
  l.forEach((item, i) => {
    if (typeof item !== 'object' || item === null) throw typeError(`${field}[${i}]`, 'structure');
    const name = (item as Body).Name;
    const value = (item as Body).Value ?? '';
    if (typeof name !== 'string' || typeof value !== 'string') throw typeError(`${field}[${i}]`, 'AttributeType');
    out[name] = value;
  });
  return out;
}

export const CLIENT_ID_RULE: StrRule = { min: 1, max: 128, pattern: /^[\w+]+$/ };
export const POOL_ID_RULE: StrRule = { min: 1, max: 55, pattern: /^[\w-]+_[0-9a-zA-Z]+$/ };
export const SESSION_RULE: StrRule = { min: 20, max: 2048, secret: true };
export const DEVICE_KEY_RULE: StrRule = { min: 1, max: 55, pattern: /^[\w-]+_[0-9a-f-]+$/ };
export const USERNAME_RULE: StrRule = { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };
export const PASSWORD_RULE: StrRule = { min: 1, max: 256, secret: true };
export const TOKEN_RULE: StrRule = { min: 1, secret: true };
