/**
 * The sign-in's progress in plain language: a few steps a person recognises ("Checking your
 * password", "Answering the code challenge", "Signed in") worded from the same typed events as the
 * protocol's own account (./flow-progress.ts), which stays available behind "Details". Each event
 * kind says which plain step it belongs to, or none (approvals, choices, rejections: the prompt and
 * the status line already say those; a device registered but not remembered, which changes nothing
 * for the person); the table is a Record over every kind, so a new event
 * without its decision does not compile. Consecutive events of one step make one line.
 */
import type { ProgressEvent, ProgressKind } from '../../shared/flow-progress';
import type { FlowStatus } from '../../shared/views';
import { h } from '../../ui/dom';
import { t } from '../../ui/i18n';

export type PlainStep = 'start' | 'password' | 'code' | 'device' | 'new-password' | 'mfa-setup' | 'custom' | 'remember-device' | 'signed-in' | 'cancelled';

type StepOf = { readonly [K in ProgressKind]: (event: Extract<ProgressEvent, { kind: K }>) => PlainStep | null };

/** Which plain step a server challenge is. */
function challengeStep(name: string): PlainStep | null {
  switch (name) {
    case 'PASSWORD_VERIFIER': case 'PASSWORD': case 'PASSWORD_SRP': return 'password';
    case 'SOFTWARE_TOKEN_MFA': case 'SMS_MFA': case 'SMS_OTP': case 'EMAIL_OTP': return 'code';
    case 'DEVICE_SRP_AUTH': case 'DEVICE_PASSWORD_VERIFIER': return 'device';
    case 'NEW_PASSWORD_REQUIRED': return 'new-password';
    case 'MFA_SETUP': return 'mfa-setup';
    case 'CUSTOM_CHALLENGE': return 'custom';
    default: return null;
  }
}

const STEP_OF: StepOf = {
  // engine
  'flow-started': (e) => (e.flow === 'USER_SRP_AUTH' || e.flow === 'USER_PASSWORD_AUTH' || e.flow === 'CUSTOM_AUTH_SRP' ? 'password' : 'start'),
  'challenge': (e) => challengeStep(e.name),
  'approved': () => null,
  'declined': () => null,
  'answer-rejected': () => null,
  'signed-in': () => 'signed-in',
  'totp-preferred': () => 'mfa-setup',
  'totp-preference-failed': () => 'mfa-setup',
  'device-gone-restart': () => 'start',
  'unexpected-challenge': () => null,
  'totp-answering': () => 'code',
  'totp-code-sending': () => 'code',
  'totp-code-reused': () => 'code',
  'choosing': () => null,
  'no-srp-offered': () => 'password',
  'password-proof-sending': () => 'password',
  'srp-started': () => 'password',
  'password-sending': () => 'password',
  'custom-answer-sending': () => 'custom',
  'new-password-setting': () => 'new-password',
  'totp-enrolled': () => 'mfa-setup',
  'email-mfa-setup': () => 'mfa-setup',
  'device-authenticating': () => 'device',
  'device-proof-sending': () => 'device',
  'code-sent': () => 'code',
  'code-sending': () => 'code',
  'device-keys-unusable': () => null,
  'device-confirm-failed': () => null,
  'device-registered': () => null,
  'device-remembered': () => 'remember-device',
  'device-remember-failed': () => null,
  'device-not-remembered': () => null,
  // agent
  'signing-in': () => 'start',
  'cancelled': () => 'cancelled',
  'failed': () => null,
  'device-forgotten': () => null,
  'device-saved': (e) => (e.remembered ? 'remember-device' : null),
  'totp-saved': () => 'mfa-setup',
  'pending-totp-saved': () => 'mfa-setup',
  'password-saved': () => 'new-password',
  // Part of "Signed in" for "Sign in this tab"; the origin is in Details and the tab reloads.
  'page-session-written': () => null,
};

const SENTENCE: { readonly [S in PlainStep]: () => string } = {
  'start': () => t('plainStepStart'),
  'password': () => t('plainStepPassword'),
  'code': () => t('plainStepCode'),
  'device': () => t('plainStepDevice'),
  'new-password': () => t('plainStepNewPassword'),
  'mfa-setup': () => t('plainStepMfaSetup'),
  'custom': () => t('plainStepCustom'),
  'remember-device': () => t('plainStepRememberDevice'),
  'signed-in': () => t('plainStepSignedIn'),
  'cancelled': () => t('plainStepCancelled'),
};

/** The plain steps of a flow's events, in order, each once per stretch of events. */
export function plainSteps(progress: readonly ProgressEvent[]): PlainStep[] {
  const steps: PlainStep[] = [];
  for (const event of progress) {
    const step = (STEP_OF[event.kind] as (e: ProgressEvent) => PlainStep | null)(event);
    if (step && steps[steps.length - 1] !== step) steps.push(step);
  }
  // What the engine and agent do after the tokens came (remember the device, save the secret) is
  // part of signing in: "Signed in" is the last line.
  const signedIn = steps.indexOf('signed-in');
  if (signedIn >= 0 && signedIn < steps.length - 1) {
    steps.splice(signedIn, 1);
    if (steps[steps.length - 1] !== 'signed-in') steps.push('signed-in');
  }
  return steps;
}

type StepState = 'done' | 'current' | 'failed';

const STATE_WORDS: { readonly [S in StepState]: () => string } = {
  done: () => t('plainStateDone'),
  current: () => t('plainStateCurrent'),
  failed: () => t('plainStateFailed'),
};

/**
 * The list items: every step but the last is done; the last is current while the flow runs or
 * waits for the person, failed when it failed, done otherwise. The state is in data-state and, for
 * screen readers, in words (the ✓ and the spinner are only seen).
 */
export function plainProgressItems(progress: readonly ProgressEvent[], status: FlowStatus): HTMLElement[] {
  const steps = plainSteps(progress);
  return steps.map((step, i) => {
    const last = i === steps.length - 1;
    const state: StepState = !last ? 'done' : status === 'running' || status === 'needs-input' ? 'current' : status === 'failed' ? 'failed' : 'done';
    return h('li', { class: `plain-step ${state}`, dataset: { step, state } },
      h('span', { class: 'plain-mark', 'aria-hidden': 'true', text: state === 'done' ? '✓' : state === 'failed' ? '✗' : '…' }),
      h('span', { text: SENTENCE[step]() }),
      h('span', { class: 'visually-hidden', text: ` ${STATE_WORDS[state]()}` }));
  });
}
