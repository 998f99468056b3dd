/** Turns whatever a failed call threw into text a person can act on. */
import { BackgroundError } from '../ask-background';
import { t } from '../i18n';

export function errorText(error: unknown): string {
  if (error instanceof BackgroundError) {
    // Codes with a better, translated explanation than the background's English message.
    if (error.code === 'locked') return t('errorLocked');
    if (error.code === 'unreachable' || error.code === 'no-answer') return t('errorUnreachable');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
