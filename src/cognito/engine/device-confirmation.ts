// After a sign-in that returned NewDeviceMetadata: register the device with a verifier of a
// fresh device password (ConfirmDevice), and remember it when the pool leaves that to the user
// and the policy says so (UpdateDeviceStatus). Protocol doc §3.3.
//
// Like Amplify, a failure here does not fail the sign-in: the tokens are good, the device is
// just not kept. The failure is reported as a warning event.

import { createDevicePassword, deviceVerifier } from '../srp/device-verifier';
import { validateDeviceGroupKey, validateDeviceKey } from '../validate';
import { errorCodeOf, type EventSink } from './events';
import type { DeviceSecret, EngineDeps, SignInPolicy } from './types';

/** As the server sent it: not checked by the API layer (see api.ts), so checked here. */
export type NewDeviceMetadata = unknown;

/** The keys, if they are keys Cognito could have issued (the API's DeviceKey pattern, a short group key). */
function usableKeys(metadata: NewDeviceMetadata): { deviceKey: string; deviceGroupKey: string } | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const { DeviceKey, DeviceGroupKey } = metadata as Record<string, unknown>;
  try {
    return { deviceKey: validateDeviceKey(DeviceKey), deviceGroupKey: validateDeviceGroupKey(DeviceGroupKey) };
  } catch {
    return undefined;
  }
}

export async function confirmNewDevice(
  deps: EngineDeps,
  policy: SignInPolicy,
  accessToken: string,
  metadata: NewDeviceMetadata,
  event: EventSink,
): Promise<(DeviceSecret & { remembered: boolean }) | undefined> {
  const keys = usableKeys(metadata);
  if (!keys) {
    // Nothing of the server's values goes into the event: they may be megabytes.
    event({ kind: 'device-keys-unusable' });
    return undefined;
  }
  const { deviceKey, deviceGroupKey } = keys;
  const devicePassword = createDevicePassword();
  const verifier = deviceVerifier(deviceGroupKey, deviceKey, devicePassword, deps.random?.(16));
  let confirmation: { UserConfirmationNecessary?: boolean };
  try {
    confirmation = await deps.api.confirmDevice({
      AccessToken: accessToken,
      DeviceKey: deviceKey,
      DeviceName: policy.deviceName,
      DeviceSecretVerifierConfig: { Salt: verifier.salt, PasswordVerifier: verifier.passwordVerifier },
    });
  } catch (error) {
    event({ kind: 'device-confirm-failed', errorCode: errorCodeOf(error) });
    return undefined;
  }
  event({ kind: 'device-registered', deviceName: policy.deviceName });

  let remembered = !confirmation.UserConfirmationNecessary;
  if (confirmation.UserConfirmationNecessary) {
    if (policy.rememberDevice) {
      try {
        await deps.api.updateDeviceStatus({ AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: 'remembered' });
        remembered = true;
        event({ kind: 'device-remembered', by: 'extension' });
      } catch (error) {
        event({ kind: 'device-remember-failed', errorCode: errorCodeOf(error) });
      }
    } else {
      event({ kind: 'device-not-remembered' });
    }
  } else {
    event({ kind: 'device-remembered', by: 'pool' });
  }
  return { deviceKey, deviceGroupKey, devicePassword, remembered };
}
