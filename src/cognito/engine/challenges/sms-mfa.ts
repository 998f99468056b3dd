// SMS_MFA: second factor by text message.
import { codeChallenge } from './code-challenge';

export const smsMfa = codeChallenge('SMS_MFA', 'sms-code', 'SMS_MFA_CODE');
