// The code-fill content script runs only where a person bound an account and granted the site's
// host permission: it is registered (scripting.registerContentScripts, in Chrome and in this
// extension's Firefox build, both MV3) for exactly those hosts, and the "Fill code" context-menu
// entry shows only there. Synced on worker start and unlock (the bindings are in the vault), on
// every change of an account's bindings (AccountStore.onPlacesChanged: bind, unbind, import,
// deletion), and when the browser adds or removes a host permission.
//
// Match patterns carry no port (host-permission.ts), so the script also runs on other ports of a
// bound host; it asks the background, which answers only frames whose exact origin is bound.
// While the vault is locked the registration stays as it was (the browser keeps it) and every
// frame gets nothing: the bindings cannot be read, so no code can be made.
import { CODE_FILL_SCRIPT_FILE } from '../../shared/code-fill-messages';
import { hostPermissionFor } from '../../shared/host-permission';
import type { SiteBindings } from '../sites/site-bindings';

export const CODE_FILL_SCRIPT_ID = 'code-fill';
export const FILL_MENU_ID = 'fill-code';

export interface ScriptingPort {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: { id: string; js: string[]; matches: string[]; allFrames: boolean; runAt: 'document_idle' }[]): Promise<void>;
  updateContentScripts(scripts: { id: string; matches: string[] }[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}
export interface MenusPort {
  update(id: string, properties: { visible?: boolean; documentUrlPatterns?: string[] }): Promise<void>;
}

export class PageScripts {
  constructor(private readonly sites: SiteBindings, private readonly scripting?: ScriptingPort, private readonly menus?: MenusPort) {}

  /** The host patterns the script runs on: every bound origin's, where the browser grants it. */
  async patterns(): Promise<string[]> {
    const out = new Set<string>();
    for (const origin of await this.sites.allOrigins()) {
      if (await this.sites.isGranted(origin)) out.add(hostPermissionFor(new URL(origin)).pattern);
    }
    return [...out].sort();
  }

  /** Registers, updates or removes the content script (and the menu entry) to match the bindings. Throws while locked. */
  async sync(): Promise<string[]> {
    const matches = await this.patterns();
    if (this.scripting) {
      const registered = (await this.scripting.getRegisteredContentScripts({ ids: [CODE_FILL_SCRIPT_ID] })).length > 0;
      if (matches.length === 0) {
        if (registered) await this.scripting.unregisterContentScripts({ ids: [CODE_FILL_SCRIPT_ID] });
      } else if (registered) {
        await this.scripting.updateContentScripts([{ id: CODE_FILL_SCRIPT_ID, matches }]);
      } else {
        await this.scripting.registerContentScripts([{ id: CODE_FILL_SCRIPT_ID, js: [CODE_FILL_SCRIPT_FILE], matches, allFrames: true, runAt: 'document_idle' }]);
      }
    }
    await this.menus?.update(FILL_MENU_ID, matches.length > 0 ? { visible: true, documentUrlPatterns: matches } : { visible: false })
      .catch(() => undefined); // not created yet (created on install/start-up, then synced again)
    return matches;
  }
}
