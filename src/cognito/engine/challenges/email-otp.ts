// EMAIL_OTP: e-mail code, as MFA factor or as USER_AUTH first factor.
import { codeChallenge } from './code-challenge';

export const emailOtp = codeChallenge('EMAIL_OTP', 'email-code', 'EMAIL_OTP_CODE');
