// The words that say what a form field is for. Lists from the anchors (../../../shared/docs/
// page-integration.md §2, Bitwarden's autofill-constants and field qualification); kept here
// once so the finder and its tests read the same lists.

/**
 * Words that make a field a one-time-code field wherever they appear in its description. Matched
 * against the description with separators removed ("security_code", "Security Code" and
 * "securityCode" are the same word), so each is written here without separators.
 */
export const CODE_WORDS: readonly string[] = [
  'onetimecode', 'totp', 'totpcode', '2facode', 'approvalscode', 'mfacode', 'otccode', 'otpcode',
  'onetimepassword', 'securitycode', 'secondfactor', 'twofactor', 'twofa', 'twofactorcode',
  'verificationcode', 'authenticatorcode', 'authcode',
];

/**
 * Short words that mean a code only where nothing else is asked for: whole words of the
 * description (so "code" matches "Code *" but not "postcode"), and only on pages with no visible
 * password field, where a "code" beside a password is as likely a captcha or a promotion code.
 */
export const WEAK_CODE_WORDS: readonly string[] = ['code', 'pin', 'otc', 'otp', '2fa', 'mfa'];

/**
 * Words that make a field one a TOTP code must never go into: a backup or recovery code is a
 * one-shot secret of its own, and a TOTP code typed there burns a sign-in attempt or worse.
 */
export const RECOVERY_WORDS: readonly string[] = ['backup', 'recovery', 'recover', 'scratch', 'wiederherstellung'];
