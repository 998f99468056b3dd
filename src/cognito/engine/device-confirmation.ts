// After a sign-in that returned NewDeviceMetadata: register the device with a verifier of a
// fresh device password (ConfirmDevice), and remember it when the pool leaves that to the user
// and the policy says so (UpdateDeviceStatus). Protocol doc §3.3.
//
// Like Amplify, a failure here does not fail the sign-in: the tokens are good, the device is
// just not kept. The failure is reported as a warning event.

import { createDevicePassword, deviceVerifier } from '../srp/device-verifier';
import { errorSummary } from './flow-errors';
import type { DeviceSecret, EngineDeps, FlowEvent, SignInPolicy } from './types';

export interface NewDeviceMetadata {
  DeviceKey?: string;
  DeviceGroupKey?: string;
}

export async function confirmNewDevice(
  deps: EngineDeps,
  policy: SignInPolicy,
  accessToken: string,
  metadata: NewDeviceMetadata,
  event: (message: string, level?: FlowEvent['level']) => void,
): Promise<(DeviceSecret & { remembered: boolean }) | undefined> {
  const { DeviceKey: deviceKey, DeviceGroupKey: deviceGroupKey } = metadata;
  if (!deviceKey || !deviceGroupKey) {
    event('The server announced a new device without its keys; the device is not kept', 'warning');
    return undefined;
  }
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
    event(`Could not register this device (${errorSummary(error)}); signed in without it`, 'warning');
    return undefined;
  }
  event(`Registered this device as "${policy.deviceName}"`);

  let remembered = !confirmation.UserConfirmationNecessary;
  if (confirmation.UserConfirmationNecessary) {
    if (policy.rememberDevice) {
      try {
        await deps.api.updateDeviceStatus({ AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: 'remembered' });
        remembered = true;
        event('Device remembered: the next sign-ins can skip MFA');
      } catch (error) {
        event(`Could not mark the device as remembered (${errorSummary(error)})`, 'warning');
      }
    } else {
      event('Device registered but not remembered (the account policy does not remember devices)');
    }
  } else {
    event('Device remembered by the user pool');
  }
  return { deviceKey, deviceGroupKey, devicePassword, remembered };
}
