/**
 * Context data, checked as AWS's front end checks it, and used as Cognito uses it.
 *
 * Model (cognito-idp 2016-04-18):
 *   AnalyticsMetadataType { AnalyticsEndpointId?: string }
 *   UserContextDataType   { IpAddress?: string, EncodedData?: string }          (public operations)
 *   ContextDataType       { IpAddress: string, ServerName: string, ServerPath: string,
 *                           HttpHeaders: [{ headerName?: string, headerValue?: string }],
 *                           EncodedData?: string }                              (Admin* auth operations)
 * A member of the wrong JSON type is a SerializationException (the AWS JSON front end refuses
 * it before the service runs); a required member that is missing is an InvalidParameterException
 * in AWS's "N validation error(s) detected" wording. Members a structure does not model are
 * ignored, as the AWS JSON protocol does.
 *
 * Use: the source IP that Cognito records (a device's last_ip_used) is the connection's, except
 * - UserContextData.IpAddress, taken only when the app client has
 *   EnablePropagateAdditionalUserContextData (which needs a client secret); without it the value
 *   is ignored, as the API reference says Cognito does not accept it;
 * - ContextData.IpAddress of AdminInitiateAuth / AdminRespondToAuthChallenge, always taken (the
 *   server relays its user's context; the client setting does not apply to these).
 * The reference is silent on what an IpAddress that is not an IP address gets: here it is an
 * InvalidParameterException when it would be used.
 */
import { isIP } from 'node:net';
import { PoolError, invalidParameter } from './errors.js';
import type { ClientRecord } from './store.js';
import { type Body, optList, optObj, optStr } from './validation.js';

/** Which context structures each operation's input models. */
export const CONTEXT_MEMBERS: Readonly<Record<string, readonly ('UserContextData' | 'ContextData' | 'AnalyticsMetadata')[]>> = {
  InitiateAuth: ['UserContextData', 'AnalyticsMetadata'],
  RespondToAuthChallenge: ['UserContextData', 'AnalyticsMetadata'],
  SignUp: ['UserContextData', 'AnalyticsMetadata'],
  ConfirmSignUp: ['UserContextData', 'AnalyticsMetadata'],
  ResendConfirmationCode: ['UserContextData', 'AnalyticsMetadata'],
  ForgotPassword: ['UserContextData', 'AnalyticsMetadata'],
  ConfirmForgotPassword: ['UserContextData', 'AnalyticsMetadata'],
  AdminInitiateAuth: ['ContextData', 'AnalyticsMetadata'],
  AdminRespondToAuthChallenge: ['ContextData', 'AnalyticsMetadata'],
};

const CONTEXT_DATA_REQUIRED = ['IpAddress', 'ServerName', 'ServerPath', 'HttpHeaders'] as const;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function validationErrors(problems: string[]): PoolError {
  const n = problems.length;
  return invalidParameter(`${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
}

function checkAnalyticsMetadata(body: Body): void {
  const am = optObj(body, 'AnalyticsMetadata');
  if (am) optStr(am, 'AnalyticsEndpointId');
}

function checkUserContextData(body: Body): void {
  const ucd = optObj(body, 'UserContextData');
  if (!ucd) return;
  optStr(ucd, 'IpAddress');
  optStr(ucd, 'EncodedData');
}

function checkContextData(body: Body): void {
  const cd = optObj(body, 'ContextData');
  if (!cd) return;
  for (const m of ['IpAddress', 'ServerName', 'ServerPath', 'EncodedData']) optStr(cd, m);
  const headers = optList(cd, 'HttpHeaders');
  headers?.forEach((h, i) => {
    const item = optObj({ [`HttpHeaders[${i}]`]: h }, `HttpHeaders[${i}]`);
    if (item) for (const m of ['headerName', 'headerValue']) optStr(item, m);
  });
  const missing = CONTEXT_DATA_REQUIRED.filter((m) => cd[m] === undefined || cd[m] === null);
  if (missing.length > 0)
    throw validationErrors(missing.map((m) => `Value null at 'contextData.${lowerFirst(m)}' failed to satisfy constraint: Member must not be null`));
}

/** The front-end check of an operation's context members (before the handler runs). */
export function checkContextMembers(operation: string, body: Body): void {
  const members = Object.hasOwn(CONTEXT_MEMBERS, operation) ? CONTEXT_MEMBERS[operation]! : [];
  if (members.includes('AnalyticsMetadata')) checkAnalyticsMetadata(body);
  if (members.includes('UserContextData')) checkUserContextData(body);
  if (members.includes('ContextData')) checkContextData(body);
}

function ipOrThrow(field: string, value: string): string {
  if (isIP(value) === 0) throw invalidParameter(`${field} ${JSON.stringify(value.slice(0, 64))} is not an IPv4 or IPv6 address`);
  return value;
}

/** The source IP Cognito records for this request (see the module comment). */
export function contextSourceIp(client: ClientRecord, body: Body, admin: boolean, connectionIp: string): string {
  if (admin) {
    const ip = optObj(body, 'ContextData')?.IpAddress;
    return typeof ip === 'string' ? ipOrThrow('ContextData.IpAddress', ip) : connectionIp;
  }
  const ip = optObj(body, 'UserContextData')?.IpAddress;
  if (typeof ip !== 'string' || client.enablePropagateAdditionalUserContextData !== true) return connectionIp;
  return ipOrThrow('UserContextData.IpAddress', ip);
}
