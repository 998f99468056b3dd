/** Identifier formats of Cognito: pool ids `<region>_<9 alnum>`, client ids 26 lowercase alnum, secrets 51 chars. */
import { randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

export const newPoolId = (region: string) => `${region}_${pick(ALNUM, 9)}`;
export const newClientId = () => pick(LOWER_ALNUM, 26);
export const newClientSecret = () => pick(LOWER_ALNUM, 51);

/** A temporary password that satisfies the default policy. */
export function newTemporaryPassword(): string {
  return `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 2)}${pick('abcdefghijkmnpqrstuvwxyz', 4)}${pick('23456789', 2)}${pick('!#%&*+-=?', 2)}`;
}
