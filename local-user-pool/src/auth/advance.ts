/**
 * What comes after a completed step of a sign-in: NEW_PASSWORD_REQUIRED, an MFA challenge
 * (or MFA_SETUP / SELECT_MFA_TYPE), DEVICE_SRP_AUTH for a presented device, or tokens.
 * MFA is skipped for a remembered device only when the pool's DeviceConfiguration has
 * ChallengeRequiredOnNewDevice = true (protocol doc §3.1/§3.6); the device must then still pass
 * device SRP.
 */
import type { Flow, AuthResponse } from './flow.js';
import type { AuthSession } from '../sessions.js';
import type { UserRecord } from '../store.js';
import { PoolError, DEVICE_NOT_FOUND, notAuthorized, resourceNotFound } from '../errors.js';
import { availableFactors, enabledFactors, mfaMethodNotFound, preferredFactor, setupFactors, unusableMfaChoice } from '../users.js';
import { requireSmsSender } from '../sms.js';
import { deliverCode, maskEmail, maskPhone, clearFailures } from '../lookup.js';
import { deviceConfig, issueTokens } from './issue.js';

/** Emits a challenge: the answered session is retired and a new one continues the chain. */
export function challenge(
  flow: Flow,
  s: AuthSession,
  name: string,
  params: Record<string, string>,
  changes: Partial<AuthSession> = {},
): AuthResponse {
  const next = flow.ctx.sessions.next(s, flow.client.authSessionValidityMinutes, { ...changes, expect: [name] });
  return { ChallengeName: name, Session: next.id, ChallengeParameters: params };
}

/**
 * A DEVICE_KEY sent by the client: unknown or forgotten → "Device does not exist."; tracked but
 * never confirmed → ignored (a new device is issued); confirmed → device SRP will be required.
 */
export function acceptDeviceKey(flow: Flow, s: AuthSession, user: UserRecord | undefined, deviceKey: string | undefined): void {
  if (!deviceKey || !user) return;
  const d = user.devices[deviceKey];
  if (!d) throw resourceNotFound(DEVICE_NOT_FOUND);
  if (d.confirmed && d.verifier) s.deviceKey = deviceKey;
}

function statusGate(flow: Flow, user: UserRecord): void {
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new PoolError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw new PoolError('PasswordResetRequiredException', 'Password reset required for the user');
  if (user.status === 'FORCE_CHANGE_PASSWORD' && user.temporaryPasswordSetAt !== undefined) {
    const days = ((flow.pool.config.AdminCreateUserConfig as { UnusedAccountValidityDays?: number } | undefined)?.UnusedAccountValidityDays ??
      (flow.pool.config.Policies as { PasswordPolicy?: { TemporaryPasswordValidityDays?: number } } | undefined)?.PasswordPolicy
        ?.TemporaryPasswordValidityDays ??
      7) as number;
    if (flow.ctx.now() - user.temporaryPasswordSetAt > days * 86_400_000)
      throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
  }
}

export function mfaRequired(flow: Flow, user: UserRecord): boolean {
  if (flow.pool.mfaConfiguration === 'ON') return true;
  // a user who turned MFA on must pass it, even when the method they chose can no longer be used
  if (flow.pool.mfaConfiguration === 'OPTIONAL') return enabledFactors(flow.pool, user).length > 0 || unusableMfaChoice(flow.pool, user);
  return false;
}

export function codeChallenge(flow: Flow, s: AuthSession, user: UserRecord, name: 'SMS_MFA' | 'EMAIL_OTP' | 'SMS_OTP'): AuthResponse {
  const email = name === 'EMAIL_OTP';
  if (!email) requireSmsSender(flow.ctx, flow.pool);
  const code = deliverCode(flow.ctx, flow.pool, user, name, email ? user.attributes.email : user.attributes.phone_number);
  return challenge(
    flow,
    s,
    name,
    {
      CODE_DELIVERY_DELIVERY_MEDIUM: email ? 'EMAIL' : 'SMS',
      CODE_DELIVERY_DESTINATION: email ? maskEmail(user.attributes.email) : maskPhone(user.attributes.phone_number),
      USER_ID_FOR_SRP: user.username,
    },
    { pendingCode: { code, challenge: name } },
  );
}

export function mfaChallenge(flow: Flow, s: AuthSession, user: UserRecord, factor: string): AuthResponse {
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    const params: Record<string, string> = { USER_ID_FOR_SRP: user.username };
    if (user.totp?.friendlyName) params.FRIENDLY_DEVICE_NAME = user.totp.friendlyName;
    return challenge(flow, s, 'SOFTWARE_TOKEN_MFA', params);
  }
  return codeChallenge(flow, s, user, factor as 'SMS_MFA' | 'EMAIL_OTP');
}

function newPasswordChallenge(flow: Flow, s: AuthSession, user: UserRecord): AuthResponse {
  const visible: Record<string, string> = {};
  for (const [k, v] of Object.entries(user.attributes)) if (k !== 'sub') visible[k] = v;
  const schema = (flow.pool.config.Schema as { Name?: string; Required?: boolean }[] | undefined) ?? [];
  const required = schema.filter((a) => a.Required && a.Name && user.attributes[a.Name] === undefined).map((a) => `userAttributes.${a.Name}`);
  return challenge(flow, s, 'NEW_PASSWORD_REQUIRED', {
    USER_ID_FOR_SRP: user.username,
    userAttributes: JSON.stringify(visible),
    requiredAttributes: JSON.stringify(required),
  });
}

/** Decides the next step after the session's current progress. */
export async function advance(flow: Flow, s: AuthSession, user: UserRecord): Promise<AuthResponse> {
  statusGate(flow, user);
  if (user.status === 'FORCE_CHANGE_PASSWORD' && !s.newPasswordDone) return newPasswordChallenge(flow, s, user);

  if (!s.mfaDone) {
    const skipBecausePasswordless = s.passwordless || s.flow === 'CUSTOM_AUTH';
    const device = s.deviceKey ? user.devices[s.deviceKey] : undefined;
    const suppressedByDevice = device?.remembered === true && deviceConfig(flow.pool).ChallengeRequiredOnNewDevice;
    if (!skipBecausePasswordless && !suppressedByDevice && mfaRequired(flow, user)) {
      let factors = enabledFactors(flow.pool, user);
      if (factors.length === 0 && flow.pool.mfaConfiguration === 'ON') factors = availableFactors(flow.pool, user);
      if (factors.length === 0 && unusableMfaChoice(flow.pool, user)) throw mfaMethodNotFound();
      if (factors.length === 0) {
        const canSetup = setupFactors(flow.pool);
        return challenge(flow, s, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(canSetup), USER_ID_FOR_SRP: user.username });
      }
      const preferred = preferredFactor(user);
      if (preferred && factors.includes(preferred)) return mfaChallenge(flow, s, user, preferred);
      if (factors.length === 1) return mfaChallenge(flow, s, user, factors[0]!);
      return challenge(flow, s, 'SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: JSON.stringify(factors), USER_ID_FOR_SRP: user.username });
    }
    s.mfaDone = true;
  }

  if (s.deviceKey && !s.deviceDone) return challenge(flow, s, 'DEVICE_SRP_AUTH', { USERNAME: user.username });

  flow.ctx.sessions.end(s);
  clearFailures(flow.ctx, user);
  const result = await issueTokens(flow, user, {
    deviceKey: s.deviceDone ? s.deviceKey : undefined,
    authTime: Math.floor(flow.ctx.now() / 1000),
    refreshToken: 'new',
    triggerSource: s.flow === 'CUSTOM_AUTH' ? 'TokenGeneration_Authentication' : s.newPasswordDone ? 'TokenGeneration_NewPasswordChallenge' : 'TokenGeneration_Authentication',
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
