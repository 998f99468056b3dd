// SELECT_MFA_TYPE: the user has several MFA factors. TOTP is chosen when its secret is held
// (the engine can then answer by itself); otherwise the person picks one of MFAS_CAN_CHOOSE.
// Only the factors this engine can answer are offered (a server list is not shown unfiltered).

import { listParameter, type ChallengeContext } from '../context';
import { unsupportedChallenge } from '../flow-errors';
import { clipList } from '../server-text';
import { withError } from '../prompts';
import { ask, respond, type ChallengeHandler } from './handler';

/** MFA factors with a handler here, in MFAS_CAN_CHOOSE's spelling (protocol doc §4.3). */
const ANSWERABLE = ['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP'];

function choices(ctx: ChallengeContext): string[] {
  const listed = listParameter(ctx, 'MFAS_CAN_CHOOSE');
  const options = listed.filter((c) => ANSWERABLE.includes(c));
  if (options.length === 0) {
    throw unsupportedChallenge(`The user pool offers only MFA factors this extension cannot answer (${clipList(listed) || 'none'}).`);
  }
  return options;
}

export const selectMfaType: ChallengeHandler = {
  challenge: 'SELECT_MFA_TYPE',
  start(ctx) {
    const options = choices(ctx);
    const held = ctx.secrets.totpSecret ?? ctx.state.enrolledTotpSecret;
    if (held && options.includes('SOFTWARE_TOKEN_MFA')) {
      ctx.event({ kind: 'choosing', choice: 'SOFTWARE_TOKEN_MFA' });
      return respond({ ANSWER: 'SOFTWARE_TOKEN_MFA' });
    }
    return ask({ kind: 'select-mfa-type', options });
  },
  answer(ctx, answer) {
    if (answer.kind !== 'select-mfa-type') throw new TypeError('select-mfa-type answer expected');
    const options = choices(ctx);
    // Echo exactly a string the server listed (e.g. EMAIL_OTP, not EMAIL_MFA; protocol doc §4.3).
    if (!options.includes(answer.choice)) {
      return ask(withError({ kind: 'select-mfa-type', options }, { code: 'invalid-choice', message: `Choose one of: ${options.join(', ')}.` }));
    }
    ctx.event({ kind: 'choosing', choice: answer.choice });
    return respond({ ANSWER: answer.choice });
  },
};
