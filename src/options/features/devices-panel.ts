/**
 * A Cognito account's devices as Cognito lists them (`list-devices`), each with a Forget button
 * (`forget-device`). Forgetting this extension's own device means the next sign-in asks for MFA again.
 * Cognito lists devices only for a signed-in user: an account without a session here says to
 * sign in first instead of asking and showing Cognito's refusal.
 */
import browser from 'webextension-polyfill';
import type { DeviceView } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { errorContent } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';

export function devicesPanel(accountId: string, label: string, signedIn: boolean): HTMLElement {
  // Not a live region: it would read the whole device list out on every load. Forgetting a device
  // is announced on its own, and aria-busy tells assistive tech while the list is being fetched.
  const panel = h('div', { class: 'devices', 'data-testid': 'devices-panel', role: 'group', 'aria-label': t('devicesOf', label) });
  if (!signedIn) {
    panel.append(h('p', { class: 'muted', 'data-testid': 'devices-sign-in-first', text: t('devicesSignInFirst') }));
    return panel;
  }
  const load = async () => {
    panel.setAttribute('aria-busy', 'true');
    replaceChildren(panel, h('p', { class: 'muted', text: t('loading') }));
    try {
      const { devices } = await ask({ type: 'list-devices', accountId });
      replaceChildren(panel, devices.length === 0
        ? h('p', { class: 'muted', 'data-testid': 'no-devices', text: t('noDevices') })
        : h('ul', {}, ...devices.map((device) => deviceRow(device))));
    } catch (error) {
      replaceChildren(panel, h('p', { class: 'error', role: 'alert' }, ...errorContent(error)));
    } finally {
      panel.removeAttribute('aria-busy');
    }
  };

  function deviceRow(device: DeviceView): HTMLElement {
    const when = device.lastAuthenticatedAt ?? device.createdAt;
    const name = device.name ?? device.deviceKey;
    const forget = h('button', {
      type: 'button', class: 'danger', 'data-testid': 'forget-device', text: t('forgetDevice'), 'aria-label': t('forgetDeviceNamed', name),
      on: { click: async () => {
        forget.disabled = true;
        try {
          await ask({ type: 'forget-device', accountId, deviceKey: device.deviceKey });
          announce(t('deviceForgotten', name));
          await load();
        } catch (error) {
          forget.disabled = false;
          replaceChildren(panel, h('p', { class: 'error', role: 'alert' }, ...errorContent(error)));
        }
      } },
    });
    return h('li', { 'data-testid': 'device-row', 'data-device-key': device.deviceKey, class: 'row' },
      h('span', { class: 'grow' },
        h('span', { class: 'mono', text: name }),
        device.isThisExtension ? h('strong', { text: ` · ${t('thisExtension')}` }) : null,
        device.remembered ? h('span', { class: 'muted', text: ` · ${t('remembered')}` }) : null,
        when ? h('span', { class: 'muted', text: ` · ${formatDate(when)}` }) : null),
      forget);
  }

  void load();
  return panel;
}

function formatDate(epochMs: number): string {
  return new Intl.DateTimeFormat(browser.i18n.getUILanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(epochMs));
}
