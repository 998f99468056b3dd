// What a decoded QR code may hand to an import: the otpauth:// and otpauth-migration:// texts
// among those jsQR found, each within the QR budget (src/otp/limits.ts IMPORT_LIMITS.qrChars).
// Pure module, used by the popup's tab scan and the options page's QR file import alike.
import { checkLength, IMPORT_LIMITS } from '../otp/limits';

/**
 * The otpauth texts of the decoded QR codes (a QR code may hold any text). Throws
 * `LimitError('qr-too-large')` for a text no account link can be, before it is looked at further.
 */
export function otpauthTextsFromQr(texts: readonly string[]): string[] {
  for (const text of texts) checkLength('qr-too-large', 'QR code', text, IMPORT_LIMITS.qrChars);
  return texts.map((t) => t.trim()).filter((t) => /^otpauth(-migration)?:\/\//i.test(t));
}
