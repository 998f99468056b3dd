/**
 * Request and response shapes of the user-pool operations this client uses, mirroring the AWS
 * API model (botocore cognito-idp 2016-04-18) field for field, PascalCase as on the wire.
 *
 * Deviation from the model: `AccessToken` is required on the device operations (GetDevice,
 * ForgetDevice), where the model leaves it optional only because the same shapes serve other
 * callers; without it the service answers NotAuthorizedException.
 */

import type { AUTH_FLOWS, CHALLENGE_NAMES, DEVICE_REMEMBERED_STATUSES } from './validate';

export type AuthFlowType = (typeof AUTH_FLOWS)[number];
export type ChallengeNameType = (typeof CHALLENGE_NAMES)[number];
export type DeviceRememberedStatusType = (typeof DEVICE_REMEMBERED_STATUSES)[number];

export type StringMap = Record<string, string>;

export interface AnalyticsMetadataType {
  AnalyticsEndpointId?: string;
}

export interface UserContextDataType {
  IpAddress?: string;
  EncodedData?: string;
}

export interface AttributeType {
  Name: string;
  Value?: string;
}

export interface NewDeviceMetadataType {
  DeviceKey: string;
  DeviceGroupKey: string;
}

export interface AuthenticationResultType {
  AccessToken: string;
  /** Access-token lifetime in seconds. */
  ExpiresIn: number;
  TokenType?: string;
  /** Absent on refresh unless refresh-token rotation issued a new one. */
  RefreshToken?: string;
  IdToken?: string;
  NewDeviceMetadata?: NewDeviceMetadataType;
}

/** Fields shared by the two sign-in operations' answers. */
export interface AuthStepResponse {
  /** Present when another challenge must be answered; then `Session` is present too. */
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: StringMap;
  /** Present when sign-in is complete. */
  AuthenticationResult?: AuthenticationResultType;
}

// ---- InitiateAuth ----

export interface InitiateAuthRequest {
  AuthFlow: AuthFlowType;
  ClientId: string;
  AuthParameters?: StringMap;
  ClientMetadata?: StringMap;
  AnalyticsMetadata?: AnalyticsMetadataType;
  UserContextData?: UserContextDataType;
  /** USER_AUTH only: the session ConfirmSignUp returned. */
  Session?: string;
}

export interface InitiateAuthResponse extends AuthStepResponse {
  /** USER_AUTH / SELECT_CHALLENGE: the challenges the user may choose from. */
  AvailableChallenges?: string[];
}

// ---- RespondToAuthChallenge ----

export interface RespondToAuthChallengeRequest {
  ClientId: string;
  ChallengeName: ChallengeNameType;
  Session?: string;
  ChallengeResponses?: StringMap;
  ClientMetadata?: StringMap;
  AnalyticsMetadata?: AnalyticsMetadataType;
  UserContextData?: UserContextDataType;
}

export type RespondToAuthChallengeResponse = AuthStepResponse;

// ---- TOTP ----

/** Exactly one of AccessToken (signed in) or Session (MFA_SETUP during sign-in). */
export interface AssociateSoftwareTokenRequest {
  AccessToken?: string;
  Session?: string;
}

export interface AssociateSoftwareTokenResponse {
  /** Base32 TOTP secret (at least 16 characters of [A-Za-z0-9]). */
  SecretCode: string;
  /** Present when the request used a Session. */
  Session?: string;
}

/** Exactly one of AccessToken or Session, as for AssociateSoftwareToken. */
export interface VerifySoftwareTokenRequest {
  AccessToken?: string;
  Session?: string;
  UserCode: string;
  FriendlyDeviceName?: string;
}

export interface VerifySoftwareTokenResponse {
  Status?: 'SUCCESS' | 'ERROR';
  Session?: string;
}

export interface MfaSettingsType {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

export interface SetUserMFAPreferenceRequest {
  AccessToken: string;
  SMSMfaSettings?: MfaSettingsType;
  SoftwareTokenMfaSettings?: MfaSettingsType;
  EmailMfaSettings?: MfaSettingsType;
  WebAuthnMfaSettings?: { Enabled?: boolean };
}

/** Operations whose output has no members answer `{}`. */
export type EmptyResponse = Record<string, never>;

// ---- user ----

export interface GetUserRequest {
  AccessToken: string;
}

export interface MFAOptionType {
  DeliveryMedium?: 'SMS' | 'EMAIL';
  AttributeName?: string;
}

export interface GetUserResponse {
  Username: string;
  UserAttributes: AttributeType[];
  MFAOptions?: MFAOptionType[];
  PreferredMfaSetting?: string;
  UserMFASettingList?: string[];
}

export interface ChangePasswordRequest {
  AccessToken: string;
  /** Optional in the model: users without a password (passwordless) set a first one. */
  PreviousPassword?: string;
  ProposedPassword: string;
}

export interface GlobalSignOutRequest {
  AccessToken: string;
}

// ---- devices ----

export interface DeviceSecretVerifierConfigType {
  PasswordVerifier?: string;
  Salt?: string;
}

export interface ConfirmDeviceRequest {
  AccessToken: string;
  DeviceKey: string;
  DeviceSecretVerifierConfig?: DeviceSecretVerifierConfigType;
  DeviceName?: string;
}

export interface ConfirmDeviceResponse {
  /** true: the pool lets the user choose whether to remember the device (UpdateDeviceStatus). */
  UserConfirmationNecessary?: boolean;
}

export interface UpdateDeviceStatusRequest {
  AccessToken: string;
  DeviceKey: string;
  DeviceRememberedStatus?: DeviceRememberedStatusType;
}

export interface ForgetDeviceRequest {
  AccessToken: string;
  DeviceKey: string;
}

export interface GetDeviceRequest {
  AccessToken: string;
  DeviceKey: string;
}

export interface DeviceType {
  DeviceKey?: string;
  /** device_name, device_status ("valid"), device_remembered_status, last_ip_used, … */
  DeviceAttributes?: AttributeType[];
  /** Epoch seconds (the JSON protocol's timestamp format). */
  DeviceCreateDate?: number;
  DeviceLastModifiedDate?: number;
  DeviceLastAuthenticatedDate?: number;
}

export interface GetDeviceResponse {
  Device: DeviceType;
}

export interface ListDevicesRequest {
  AccessToken: string;
  /** 0-60. */
  Limit?: number;
  PaginationToken?: string;
}

export interface ListDevicesResponse {
  Devices?: DeviceType[];
  PaginationToken?: string;
}

// ---- tokens ----

export interface GetTokensFromRefreshTokenRequest {
  RefreshToken: string;
  ClientId: string;
  /** The raw client secret (not a SECRET_HASH) for confidential clients. */
  ClientSecret?: string;
  DeviceKey?: string;
  ClientMetadata?: StringMap;
}

export interface GetTokensFromRefreshTokenResponse {
  AuthenticationResult: AuthenticationResultType;
}

export interface RevokeTokenRequest {
  /** The refresh token to revoke. */
  Token: string;
  ClientId: string;
  ClientSecret?: string;
}

// ---- sign-up ----

export interface SignUpRequest {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  Password?: string;
  UserAttributes?: AttributeType[];
  ValidationData?: AttributeType[];
  AnalyticsMetadata?: AnalyticsMetadataType;
  UserContextData?: UserContextDataType;
  ClientMetadata?: StringMap;
}

export interface CodeDeliveryDetailsType {
  Destination?: string;
  DeliveryMedium?: 'SMS' | 'EMAIL';
  AttributeName?: string;
}

export interface SignUpResponse {
  UserConfirmed: boolean;
  UserSub: string;
  CodeDeliveryDetails?: CodeDeliveryDetailsType;
  Session?: string;
}

export interface ConfirmSignUpRequest {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ConfirmationCode: string;
  ForceAliasCreation?: boolean;
  AnalyticsMetadata?: AnalyticsMetadataType;
  UserContextData?: UserContextDataType;
  ClientMetadata?: StringMap;
  Session?: string;
}

export interface ConfirmSignUpResponse {
  /** Lets the new user sign in with USER_AUTH without entering a factor again. */
  Session?: string;
}
