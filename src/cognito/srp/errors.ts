/**
 * The error (an AppError, code `srp-parameter`) thrown when a value needed for the SRP maths is unusable: almost always a value the
 * server sent (SRP_B, SALT, SECRET_BLOCK), occasionally a malformed hex/base64 string handed in by
 * a caller. Each safety check has its own `reason` (details.srpReason) so callers and tests can branch on the
 * exact failure, and its own message a person can act on.
 *
 * Messages name the offending parameter but never echo its value: the values are not secret, but
 * keeping them out makes it impossible for a careless caller to leak a neighbouring secret through
 * an error string, and a 768-digit hex number helps nobody reading a log.
 */
import { AppError } from '../errors';

export type SrpParameterReason =
  | 'HEX_INVALID' // a hex string (other than B or salt) is empty or has a non-hex character
  | 'B_NOT_HEX' // SRP_B is empty or has a non-hex character
  | 'B_ZERO' // SRP_B = 0
  | 'B_MULTIPLE_OF_N' // SRP_B mod N = 0 (B = N, 2N, …): the session key would be forced to 0
  | 'B_NOT_BELOW_N' // SRP_B >= N: not a reduced group element, so not from an honest server
  | 'SALT_NOT_HEX' // SALT is empty or has a non-hex character
  | 'U_ZERO' // u = H(A ‖ B) = 0: the password would not enter the key
  | 'SECRET_BLOCK_EMPTY' // SECRET_BLOCK is an empty string
  | 'SECRET_BLOCK_NOT_BASE64' // SECRET_BLOCK is not standard padded base64
  | 'BASE64_INVALID'; // another base64 input is not standard padded base64

const MESSAGES: Record<SrpParameterReason, string> = {
  HEX_INVALID: 'A hexadecimal value is empty or contains a character other than 0-9, a-f.',
  B_NOT_HEX:
    'The server value SRP_B is not a hexadecimal number (empty or a character other than 0-9, a-f).',
  B_ZERO: 'The server value SRP_B is zero; refusing to continue SRP (it would not depend on the password).',
  B_MULTIPLE_OF_N:
    'The server value SRP_B is a multiple of the group prime N; refusing to continue SRP (the session key would be fixed).',
  B_NOT_BELOW_N: 'The server value SRP_B is not smaller than the group prime N; it is not a valid SRP public value.',
  SALT_NOT_HEX: 'The server value SALT is not a hexadecimal number (empty or a character other than 0-9, a-f).',
  U_ZERO: 'The SRP scrambling parameter u = H(A, B) is zero; refusing to continue SRP.',
  SECRET_BLOCK_EMPTY: 'The server value SECRET_BLOCK is empty.',
  SECRET_BLOCK_NOT_BASE64: 'The server value SECRET_BLOCK is not valid base64 (standard alphabet with = padding).',
  BASE64_INVALID: 'A value is not valid base64 (standard alphabet with = padding).',
};

/** The error (code `srp-parameter`) for the SRP safety check `reason`. */
export function srpParameterError(reason: SrpParameterReason): AppError {
  return new AppError({ code: 'srp-parameter', message: MESSAGES[reason], details: { srpReason: reason } });
}
