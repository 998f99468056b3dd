/**
 * What each user-pool operation does to the server's state, in one table: the transport's retry
 * policy reads it (a lost answer to a read is asked again; a lost answer to anything else is not,
 * see CognitoTransport.call), and CognitoApi can only send an operation listed here.
 *
 * 'read': only reads (GetUser, GetDevice, ListDevices). Sending it twice changes nothing.
 * 'state-changing': everything else. Some of these look harmless to repeat but are not:
 *  - InitiateAuth / RespondToAuthChallenge count failed passwords and codes towards lockouts,
 *    spend one-time codes (a TOTP code is accepted once), start Lambda triggers that send SMS and
 *    e-mail, and move the session on (a replayed step meets a session that has already advanced);
 *  - AssociateSoftwareToken replaces the pending secret (the one a first, lost answer carried is
 *    then worthless); VerifySoftwareToken spends the code and switches the secret on;
 *  - GetTokensFromRefreshToken rotates the refresh token where rotation is on (a replay is reuse);
 *  - ConfirmDevice / UpdateDeviceStatus / ForgetDevice / SetUserMFAPreference / ChangePassword /
 *    GlobalSignOut / RevokeToken / SignUp / ConfirmSignUp change the user, a device or a session,
 *    and a second send answers differently from the first (DeviceKeyExists, NotAuthorized,
 *    ResourceNotFound, UsernameExists), hiding that the first one worked.
 * Classifying a read as state-changing only costs a retry; the reverse can cost an account.
 */

export type OperationEffect = 'read' | 'state-changing';

export const OPERATION_EFFECTS = {
  InitiateAuth: 'state-changing',
  RespondToAuthChallenge: 'state-changing',
  AssociateSoftwareToken: 'state-changing',
  VerifySoftwareToken: 'state-changing',
  SetUserMFAPreference: 'state-changing',
  GetUser: 'read',
  ChangePassword: 'state-changing',
  GlobalSignOut: 'state-changing',
  ConfirmDevice: 'state-changing',
  UpdateDeviceStatus: 'state-changing',
  ForgetDevice: 'state-changing',
  GetDevice: 'read',
  ListDevices: 'read',
  GetTokensFromRefreshToken: 'state-changing',
  RevokeToken: 'state-changing',
  SignUp: 'state-changing',
  ConfirmSignUp: 'state-changing',
} as const satisfies Record<string, OperationEffect>;

export type Operation = keyof typeof OPERATION_EFFECTS;

/** An operation not in the table (a caller of the bare transport) is treated as state-changing. */
export function operationEffect(operation: string): OperationEffect {
  return Object.prototype.hasOwnProperty.call(OPERATION_EFFECTS, operation)
    ? OPERATION_EFFECTS[operation as Operation]
    : 'state-changing';
}
