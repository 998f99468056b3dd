// SMS_OTP: text-message code as USER_AUTH (passwordless) first factor.
import { codeChallenge } from './code-challenge';

export const smsOtp = codeChallenge('SMS_OTP', 'sms-code', 'SMS_OTP_CODE');
