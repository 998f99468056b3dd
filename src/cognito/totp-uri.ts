/**
 * The otpauth:// URI of a Cognito user's TOTP secret, as a second authenticator app reads it:
 * issuer "Cognito <user pool id>", the canonical username as the account, Cognito's fixed
 * parameters (SHA1, 6 digits, 30 s). One home for the naming: the MFA_SETUP result (the QR shown
 * after enrolment) and the options page's account export both use it.
 */
import { formatOtpauthUri } from '../otp/otpauth-uri';

export function cognitoTotpUri(userPoolId: string, username: string, secret: string): string {
  return formatOtpauthUri({
    type: 'totp', issuer: `Cognito ${userPoolId}`, account: username, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
  });
}
