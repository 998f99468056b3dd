// What a decoded QR code may hand to an import: the otpauth:// and otpauth-migration:// texts
// among those jsQR found, each within the QR budget (src/otp/limits.ts IMPORT_LIMITS.qrChars).
// Pure module, used by the popup's tab scan and the options page's QR file import alike.
import { checkLength, IMPORT_LIMITS } from '../otp/limits';

/**
 * One link, on one line: an account's QR code holds a single otpauth:// or otpauth-migration://
 * URI. A text with a line break in it is not one (the import would read each line as a link of
 * its own, so one QR code on a page could carry many accounts, or other text behind a link).
 */
const ONE_OTPAUTH_LINK = /^otpauth(-migration)?:\/\/[^\r\n\u0085\u2028\u2029]*$/i;

/**
 * The otpauth texts of the decoded QR codes (a QR code may hold any text). Throws
 * `limitError('qr-too-large')` for a text no account link can be, before it is looked at further.
 */
export function otpauthTextsFromQr(texts: readonly string[]): string[] {
  for (const text of texts) checkLength('qr-too-large', 'QR code', text, IMPORT_LIMITS.qrChars);
  return texts.map((t) => t.trim()).filter((t) => ONE_OTPAUTH_LINK.test(t));
}
