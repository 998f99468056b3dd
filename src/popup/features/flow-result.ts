/**
 * What a successful sign-in shows: when the tokens expire, copy buttons for the ID and access
 * tokens and, when the flow enrolled this extension during MFA_SETUP, the QR code and secret so a
 * second authenticator (a phone) can be enrolled with the same secret.
 */
import browser from 'webextension-polyfill';
import type { FlowView } from '../../shared/views';
import { h } from '../../ui/dom';
import { copyText } from '../../ui/components/copy-text';
import { qrCanvas } from '../../ui/components/qr-code';
import { t } from '../../ui/i18n';

export function flowResultSection(result: NonNullable<FlowView['result']>): HTMLElement {
  const expires = new Date(result.expiresAt);
  const time = new Intl.DateTimeFormat(browser.i18n.getUILanguage(), { hour: '2-digit', minute: '2-digit' }).format(expires);
  const minutes = Math.max(0, Math.round((result.expiresAt - Date.now()) / 60_000));
  const section = h('section', { class: 'card', 'data-testid': 'flow-result', 'aria-labelledby': 'flow-result-title' },
    h('h3', { id: 'flow-result-title', text: t('signedInTitle') }),
    h('p', { 'data-testid': 'token-expiry', 'data-expires-at': result.expiresAt, text: t('tokensExpire', time, minutes) }),
    tokenRow('copy-id-token', t('copyIdToken'), result.idToken),
    tokenRow('copy-access-token', t('copyAccessToken'), result.accessToken),
    h('p', { class: 'hint', text: result.refreshTokenPresent ? t('refreshTokenKept') : t('noRefreshToken') }));
  if (result.enrolledTotpUri) section.append(enrolmentBlock(result.enrolledTotpUri));
  return section;
}

function tokenRow(id: string, label: string, token: string): HTMLElement {
  const feedback = h('span', { class: 'copied', 'aria-hidden': 'true' });
  return h('div', { class: 'token-row' },
    h('button', { type: 'button', id, 'data-testid': id, text: label, on: { click: () => void copyText(token, feedback) } }),
    feedback);
}

function enrolmentBlock(uri: string): HTMLElement {
  const secret = secretOf(uri);
  const qrSlot = h('div', { id: 'enrolled-qr', 'data-testid': 'enrolled-qr' });
  void qrCanvas(uri, t('enrolledQrLabel')).then((canvas) => qrSlot.append(canvas), () => {
    qrSlot.textContent = t('qrRenderFailed');
  });
  const feedback = h('span', { class: 'copied', 'aria-hidden': 'true' });
  return h('div', { 'data-testid': 'enrolment' },
    h('h3', { text: t('enrolledTitle') }),
    h('p', { text: t('enrolledExplain') }),
    qrSlot,
    secret ? h('p', {},
      h('span', { class: 'muted', text: `${t('secretKey')} ` }),
      h('code', { class: 'mono secret', id: 'enrolled-secret', 'data-testid': 'enrolled-secret', text: groupSecret(secret) })) : null,
    secret ? h('div', { class: 'token-row' },
      h('button', { type: 'button', id: 'copy-enrolled-secret', text: t('copySecret'), on: { click: () => void copyText(secret, feedback) } }),
      feedback) : null);
}

function secretOf(uri: string): string | undefined {
  try {
    return new URL(uri).searchParams.get('secret') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Groups of four, as authenticator apps show secrets for typing by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
