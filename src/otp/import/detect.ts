// What kind of OTP text this is: one rule for the background's import pipeline and for the pages
// that check a QR code's text or a pasted link before sending it.
import { IMPORT_LIMITS } from '../limits';

export type OtpTextFormat = 'otpauth' | 'google-migration' | 'aegis';

/**
 * The format of `text` by its first non-empty line: an otpauth-migration:// export, otpauth://
 * links, or a JSON object (read as an Aegis export). Undefined for anything else. Lines after the
 * first may be of the other link kind: importOtpText reads each line for what it is.
 */
export function detectOtpTextFormat(text: string): OtpTextFormat | undefined {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) return trimmed.length <= IMPORT_LIMITS.textChars ? 'aegis' : undefined;
  const first = trimmed.split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (/^otpauth-migration:\/\//i.test(first)) return 'google-migration';
  if (/^otpauth:\/\//i.test(first)) return 'otpauth';
  return undefined;
}
