/**
 * The sign-in's progress in the person's language: one sentence per event kind, from _locales.
 * The table is a Record over every kind, so a new event without its sentence does not compile.
 * Fields that came from the server (usernames, challenge names, codes) are set as text, never
 * markup. Each line carries its kind and plain fields as data attributes (data-kind, data-name,
 * …), for tests and styling.
 */
import type { ProgressEvent, ProgressKind } from '../../shared/flow-progress';
import { explain } from '../../ui/components/error-text';
import { h } from '../../ui/dom';
import { t, tOr } from '../../ui/i18n';

type Sentences = { readonly [K in ProgressKind]: (event: Extract<ProgressEvent, { kind: K }>) => string };

/** A challenge or MFA name: its translation where one exists, else the protocol's own name. */
const challengeName = (name: string) => tOr(`challenge_${name}`, name);

const SENTENCES: Sentences = {
  // engine
  'flow-started': (e) => (e.withDevice ? t('progress_flowStartedWithDevice', e.flow, e.username) : t('progress_flowStarted', e.flow, e.username)),
  'challenge': (e) => t('progress_challenge', e.name),
  'approved': () => t('progress_approved'),
  'declined': () => t('progress_declined'),
  'answer-rejected': (e) => t('progress_answerRejected', e.code),
  'signed-in': (e) => t('progress_signedIn', e.username),
  'totp-preferred': () => t('progress_totpPreferred'),
  'totp-preference-failed': (e) => t('progress_totpPreferenceFailed', e.errorCode),
  'device-gone-restart': () => t('progress_deviceGoneRestart'),
  'unexpected-challenge': (e) => t('progress_unexpectedChallenge', e.name),
  'totp-answering': () => t('progress_totpAnswering'),
  'totp-code-sending': () => t('progress_totpCodeSending'),
  'totp-code-reused': () => t('progress_totpCodeReused'),
  'choosing': (e) => t('progress_choosing', challengeName(e.choice)),
  'no-srp-offered': () => t('progress_noSrpOffered'),
  'password-proof-sending': () => t('progress_passwordProofSending'),
  'srp-started': () => t('progress_srpStarted'),
  'password-sending': () => t('progress_passwordSending'),
  'custom-answer-sending': () => t('progress_customAnswerSending'),
  'new-password-setting': () => t('progress_newPasswordSetting'),
  'totp-enrolled': () => t('progress_totpEnrolled'),
  'email-mfa-setup': () => t('progress_emailMfaSetup'),
  'device-authenticating': () => t('progress_deviceAuthenticating'),
  'device-proof-sending': () => t('progress_deviceProofSending'),
  'code-sent': (e) => (e.destination ? t('progress_codeSentTo', e.destination) : t('progress_codeSent')),
  'code-sending': () => t('progress_codeSending'),
  'device-keys-unusable': () => t('progress_deviceKeysUnusable'),
  'device-confirm-failed': (e) => t('progress_deviceConfirmFailed', e.errorCode),
  'device-registered': (e) => t('progress_deviceRegistered', e.deviceName),
  'device-remembered': (e) => (e.by === 'pool' ? t('progress_deviceRememberedByPool') : t('progress_deviceRemembered')),
  'device-remember-failed': (e) => t('progress_deviceRememberFailed', e.errorCode),
  'device-not-remembered': () => t('progress_deviceNotRemembered'),
  // agent
  'signing-in': (e) => t('progress_signingIn', e.username),
  'cancelled': () => t('progress_cancelled'),
  'failed': (e) => t('progress_failed', explain(e.error).text),
  'device-forgotten': () => t('progress_deviceForgotten'),
  'device-saved': (e) => (e.remembered ? t('progress_deviceSavedRemembered') : t('progress_deviceSaved')),
  'totp-saved': () => t('progress_totpSaved'),
  'pending-totp-saved': () => t('progress_pendingTotpSaved'),
  'password-saved': () => t('progress_passwordSaved'),
  'page-session-written': (e) => t('progress_pageSessionWritten', e.origin),
};

/** The sentence for one event; a warning says so first, unless its sentence already does ("Failed: …"). */
export function progressSentence(event: ProgressEvent): string {
  const sentence = (SENTENCES[event.kind] as (e: ProgressEvent) => string)(event);
  return event.level === 'warning' && event.kind !== 'failed' ? t('progress_warning', sentence) : sentence;
}

/** The list items of a flow's progress; the last one is marked current while the flow runs. */
export function progressItems(progress: readonly ProgressEvent[], running: boolean): HTMLElement[] {
  return progress.map((event, i) => h('li', {
    class: [event.level === 'warning' ? 'warning' : '', i === progress.length - 1 && running ? 'current' : ''].filter(Boolean).join(' '),
    dataset: { kind: event.kind, ...plainFieldsOf(event) },
    text: progressSentence(event),
  }));
}

/** The event's own text and yes/no fields (not when, level or nested values), as strings. */
function plainFieldsOf(event: ProgressEvent): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(event)) {
    if (name === 'kind' || name === 'at' || name === 'level') continue;
    if (typeof value === 'string' || typeof value === 'boolean') fields[name] = String(value);
  }
  return fields;
}
