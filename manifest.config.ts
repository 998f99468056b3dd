// Turns the one source manifest (manifest.json) into the per-browser manifest crxjs builds.
// Chrome gets an MV3 service worker; Firefox gets a non-persistent event page
// (background.scripts) plus the gecko keys AMO requires. host_permissions are not written in
// manifest.json: they are the generated list of Cognito user-pool endpoints
// (src/cognito/user-pool-endpoints.ts), the same list endpointFor builds regional URLs from.
import { defineManifest } from '@crxjs/vite-plugin';
import { COGNITO_HOST_PERMISSIONS } from './src/cognito/user-pool-endpoints.ts';
import source from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';

/**
 * The add-on id Firefox needs for MV3 (and the tests use to pin its moz-extension UUID). It must
 * never change once listed: AMO ties updates to it and Firefox keys the extension's storage (the
 * encrypted vault) by it, so a new id is a new add-on with an empty vault. The part after "@" is
 * deliberately not a domain: nobody can register it and the project owns no domain to lose.
 */
export const GECKO_ID = 'cognito-authenticator@authenticator-for-amazon-cognito';

export function manifestFor(target: Target) {
  const { background, ...rest } = source;
  const common = { ...rest, version: pkg.version, host_permissions: [...COGNITO_HOST_PERMISSIONS] };
  if (target === 'chrome') {
    // offscreen: the service worker has no clipboard; an offscreen document empties it after a
    // copy when the person chose a delay (src/background/clipboard-clear.ts). No install warning.
    // (clipboardWrite stays optional, as in Firefox: Chrome warns "Modify data you copy and paste"
    // for it, so options asks for it when the person chooses a delay.)
    return {
      ...common, background, minimum_chrome_version: '120',
      permissions: [...common.permissions, 'offscreen'],
    };
  }
  return {
    ...common,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // 142: data_collection_permissions is only understood from Firefox 140 / Android 142.
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

export default (target: Target) => defineManifest(manifestFor(target) as never);
