/**
 * Operation table. `admin: true` marks operations that AWS authorises with SigV4: they need an
 * Authorization header (its signature is not checked — any credentials work locally).
 */
import type { Handler } from './context.js';
import * as auth from './operations/auth.js';
import * as mfa from './operations/mfa.js';
import * as devices from './operations/devices.js';
import * as tokens from './operations/session-tokens.js';
import * as user from './operations/user.js';
import * as adminPool from './operations/admin-pool.js';
import * as adminUser from './operations/admin-user.js';

export interface Route {
  handler: Handler;
  admin: boolean;
}

const PUBLIC: Record<string, Handler> = {
  InitiateAuth: auth.InitiateAuth,
  RespondToAuthChallenge: auth.RespondToAuthChallenge,
  AssociateSoftwareToken: mfa.AssociateSoftwareToken,
  VerifySoftwareToken: mfa.VerifySoftwareToken,
  SetUserMFAPreference: mfa.SetUserMFAPreference,
  ConfirmDevice: devices.ConfirmDevice,
  UpdateDeviceStatus: devices.UpdateDeviceStatus,
  ForgetDevice: devices.ForgetDevice,
  GetDevice: devices.GetDevice,
  ListDevices: devices.ListDevices,
  GetTokensFromRefreshToken: tokens.GetTokensFromRefreshToken,
  RevokeToken: tokens.RevokeToken,
  GlobalSignOut: tokens.GlobalSignOut,
  GetUser: user.GetUser,
  ChangePassword: user.ChangePassword,
  SignUp: user.SignUp,
  ConfirmSignUp: user.ConfirmSignUp,
  ResendConfirmationCode: user.ResendConfirmationCode,
  ForgotPassword: user.ForgotPassword,
  ConfirmForgotPassword: user.ConfirmForgotPassword,
};

const ADMIN: Record<string, Handler> = {
  AdminInitiateAuth: auth.AdminInitiateAuth,
  AdminRespondToAuthChallenge: auth.AdminRespondToAuthChallenge,
  AdminSetUserMFAPreference: mfa.AdminSetUserMFAPreference,
  AdminListDevices: devices.AdminListDevices,
  AdminForgetDevice: devices.AdminForgetDevice,
  AdminGetDevice: devices.AdminGetDevice,
  AdminUpdateDeviceStatus: devices.AdminUpdateDeviceStatus,
  AdminUserGlobalSignOut: tokens.AdminUserGlobalSignOut,
  CreateUserPool: adminPool.CreateUserPool,
  DescribeUserPool: adminPool.DescribeUserPool,
  UpdateUserPool: adminPool.UpdateUserPool,
  DeleteUserPool: adminPool.DeleteUserPool,
  ListUserPools: adminPool.ListUserPools,
  SetUserPoolMfaConfig: adminPool.SetUserPoolMfaConfig,
  GetUserPoolMfaConfig: adminPool.GetUserPoolMfaConfig,
  CreateUserPoolClient: adminPool.CreateUserPoolClient,
  DescribeUserPoolClient: adminPool.DescribeUserPoolClient,
  UpdateUserPoolClient: adminPool.UpdateUserPoolClient,
  DeleteUserPoolClient: adminPool.DeleteUserPoolClient,
  ListUserPoolClients: adminPool.ListUserPoolClients,
  AdminCreateUser: adminUser.AdminCreateUser,
  AdminSetUserPassword: adminUser.AdminSetUserPassword,
  AdminGetUser: adminUser.AdminGetUser,
  AdminDeleteUser: adminUser.AdminDeleteUser,
  AdminConfirmSignUp: adminUser.AdminConfirmSignUp,
  AdminDisableUser: adminUser.AdminDisableUser,
  AdminEnableUser: adminUser.AdminEnableUser,
  AdminResetUserPassword: adminUser.AdminResetUserPassword,
  AdminUpdateUserAttributes: adminUser.AdminUpdateUserAttributes,
  AdminDeleteUserAttributes: adminUser.AdminDeleteUserAttributes,
  ListUsers: adminUser.ListUsers,
};

export function route(operation: string): Route | undefined {
  if (Object.hasOwn(PUBLIC, operation)) return { handler: PUBLIC[operation]!, admin: false };
  if (Object.hasOwn(ADMIN, operation)) return { handler: ADMIN[operation]!, admin: true };
  return undefined;
}

export const OPERATIONS = [...Object.keys(PUBLIC), ...Object.keys(ADMIN)].sort();
