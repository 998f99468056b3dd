// The devices Cognito tracks for an account (ListDevices, ForgetDevice), with the account's
// access token (renewed first when it has nearly expired). Failures are scrubbed of every
// secret the account holds.
import { malformedResponse } from '../../cognito/errors';
import type { DeviceView } from '../../shared/views';
import type { CognitoAccount } from '../accounts/model';
import { AppError } from '../errors';
import type { AccountSessions, AgentDeps, EngineCallDeps } from './account-session';
import type { RefreshScheduler } from './refresh-scheduler';
import { scrubbingErrors } from './secret-scrub';

/** The most ListDevices pages one list-devices reads (60 devices each, far above a user's devices). */
export const DEVICE_PAGES_MAX = 20;

export class DeviceManager {
  constructor(
    private readonly d: Pick<AgentDeps, 'accounts'>,
    private readonly sessions: AccountSessions,
    private readonly refresher: RefreshScheduler,
  ) {}

  async list(accountId: string): Promise<DeviceView[]> {
    return scrubbingErrors(this.sessions, accountId, async () => {
      const { account, accessToken } = await this.withAccessToken(accountId);
      return this.sessions.call(account, (deps) => pagesOfDevices(account, deps, accessToken));
    });
  }

  async forget(accountId: string, deviceKey: string): Promise<void> {
    return scrubbingErrors(this.sessions, accountId, async () => {
      const { account, accessToken } = await this.withAccessToken(accountId);
      await this.sessions.call(account, (deps) => deps.api.forgetDevice({ AccessToken: accessToken, DeviceKey: deviceKey }));
      if (account.secrets.device?.deviceKey === deviceKey) await this.d.accounts.setDevice(accountId, undefined);
    });
  }

  private async withAccessToken(accountId: string): Promise<{ account: CognitoAccount; accessToken: string }> {
    const account = await this.d.accounts.getCognito(accountId);
    await this.sessions.ensurePermission(account);
    const tokens = await this.refresher.currentTokens(account, await this.d.accounts.getTokens(accountId));
    if (!tokens) throw new AppError('not-found', `No current sign-in for "${account.label}": sign in first, then list its devices.`);
    return { account, accessToken: tokens.accessToken };
  }
}

async function pagesOfDevices(account: CognitoAccount, deps: EngineCallDeps, accessToken: string): Promise<DeviceView[]> {
  const devices: DeviceView[] = [];
  let PaginationToken: string | undefined;
  let pages = 0;
  do {
    // A server that always hands out another PaginationToken would keep this loop calling forever.
    if (++pages > DEVICE_PAGES_MAX) throw malformedResponse('ListDevices', 'PaginationToken', `is still given after ${DEVICE_PAGES_MAX} pages`);
    const page = await deps.api.listDevices({ AccessToken: accessToken, Limit: 60, ...(PaginationToken ? { PaginationToken } : {}) });
    for (const d of page.Devices ?? []) {
      if (!d.DeviceKey) continue;
      const attr = (n: string) => d.DeviceAttributes?.find((a) => a.Name === n)?.Value;
      const view: DeviceView = { deviceKey: d.DeviceKey, isThisExtension: d.DeviceKey === account.secrets.device?.deviceKey };
      const name = attr('device_name');
      if (name !== undefined) view.name = name;
      const remembered = attr('device_remembered_status');
      if (remembered !== undefined) view.remembered = remembered === 'remembered';
      if (d.DeviceCreateDate !== undefined) view.createdAt = d.DeviceCreateDate * 1000;
      if (d.DeviceLastAuthenticatedDate !== undefined) view.lastAuthenticatedAt = d.DeviceLastAuthenticatedDate * 1000;
      devices.push(view);
    }
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return devices;
}
