/**
 * What one account exports for a second authenticator app (the options page's Export, after the
 * vault password is typed again): an otpauth:// URI. A TOTP or HOTP account gives its secret
 * and parameters (an HOTP account its next counter); a Cognito account gives its TOTP secret, the
 * one Cognito verifies its codes against, named as after MFA_SETUP (cognitoTotpUri). A Cognito
 * account never exports its device keys (they prove this browser, and a copy would be a second
 * device Cognito cannot tell apart) nor its password; without a TOTP secret it has nothing to
 * export. A secret still pending (sent to VerifySoftwareToken, no answer seen) is not exported:
 * Cognito may not hold it.
 */
import { cognitoTotpUri } from '../../cognito/totp-uri';
import { formatOtpauthUri } from '../../otp/otpauth-uri';
import { AppError } from '../errors';
import type { Account } from './model';

export function accountExportUri(account: Account): string {
  switch (account.kind) {
    case 'totp':
      return formatOtpauthUri({ type: 'totp', issuer: account.issuer ?? '', account: account.label, secret: account.secret,
        algorithm: account.algorithm, digits: account.digits, period: account.period, counter: 0 });
    case 'hotp':
      return formatOtpauthUri({ type: 'hotp', issuer: account.issuer ?? '', account: account.label, secret: account.secret,
        algorithm: account.algorithm, digits: account.digits, period: 30, counter: account.counter });
    case 'cognito': {
      const secret = account.secrets.totpSecret;
      if (secret === undefined) {
        throw new AppError('nothing-to-export', `Account "${account.label}" holds no TOTP secret; device keys and passwords are never exported.`);
      }
      return cognitoTotpUri(account.userPoolId, account.username, secret);
    }
  }
}
