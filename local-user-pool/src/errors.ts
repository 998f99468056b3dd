/**
 * Cognito-shaped errors. Every handler throws PoolError; the HTTP layer turns it into
 * `{"__type": type, "message": message}` plus the x-amzn-ErrorType / x-amzn-ErrorMessage headers.
 * Cognito answers 400 for every modelled error, TooManyRequestsException included, and 500 only for
 * InternalErrorException.
 */
export class PoolError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status?: number) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status ?? (type === 'InternalErrorException' ? 500 : 400);
  }
}

export const notAuthorized = (message: string) => new PoolError('NotAuthorizedException', message);
export const invalidParameter = (message: string) => new PoolError('InvalidParameterException', message);
export const resourceNotFound = (message: string) => new PoolError('ResourceNotFoundException', message);

export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';
export const SESSION_EXPIRED = 'Invalid session for the user, session is expired.';
export const SESSION_INVALID = 'Invalid session for the user.';
export const DEVICE_NOT_FOUND = 'Device does not exist.';
