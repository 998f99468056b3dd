/** The request-scoped bundle the auth-flow modules pass around, and the response shape. */
import type { ClientRecord, PoolRecord } from '../store.js';
import type { RequestInfo, ServerContext } from '../context.js';

export interface Flow {
  ctx: ServerContext;
  pool: PoolRecord;
  client: ClientRecord;
  req: RequestInfo;
  admin: boolean;
  clientMetadata?: Record<string, string>;
}

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

export interface AuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AvailableChallenges?: string[];
  AuthenticationResult?: AuthenticationResult;
}
