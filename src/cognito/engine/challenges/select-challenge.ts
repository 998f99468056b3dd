// SELECT_CHALLENGE: USER_AUTH without a preferred challenge lists the first factors the user may
// use (top-level AvailableChallenges; protocol doc §4.8). With a password held, SRP is chosen
// (the password never leaves the extension); otherwise the person picks.
//
// PASSWORD (the plaintext password on the wire) is chosen by the engine only when the account
// names it as its preferred challenge; a server that offers only PASSWORD to an account set up
// for SRP gets the choice put to the person, never the saved password (issue 7 item 1).

import { createEphemeral } from '../../srp/ephemeral';
import type { ChallengeContext } from '../context';
import { unsupportedChallenge } from '../flow-errors';
import { clipList } from '../server-text';
import { withError, type SelectChallengePrompt } from '../prompts';
import { ask, respond, type ChallengeHandler, type HandlerStep } from './handler';
import { WEB_AUTHN_UNSUPPORTED } from './web-authn';

/** First factors this engine can complete, in order of preference. */
const SUPPORTED = ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP', 'SMS_OTP'];

function offered(ctx: ChallengeContext): string[] {
  return SUPPORTED.filter((c) => (ctx.challenge.availableChallenges ?? []).includes(c));
}

/** The person set this account up for USER_AUTH's PASSWORD factor (the plaintext password). */
function accountPrefersPassword(ctx: ChallengeContext): boolean {
  return ctx.request.flow === 'USER_AUTH' && ctx.request.preferredChallenge === 'PASSWORD';
}

function prompt(ctx: ChallengeContext): SelectChallengePrompt {
  return { kind: 'select-challenge', options: offered(ctx) };
}

function choose(ctx: ChallengeContext, choice: string): HandlerStep {
  ctx.event({ kind: 'choosing', choice });
  switch (choice) {
    case 'PASSWORD_SRP': {
      const ephemeral = createEphemeral(ctx.deps.random);
      ctx.run.userEphemeral = ephemeral;
      return respond({ ANSWER: 'PASSWORD_SRP', SRP_A: ephemeral.srpA });
    }
    case 'PASSWORD':
      return respond({ ANSWER: 'PASSWORD', PASSWORD: ctx.run.password ?? '' });
    default:
      return respond({ ANSWER: choice });
  }
}

export const selectChallenge: ChallengeHandler = {
  challenge: 'SELECT_CHALLENGE',
  start(ctx) {
    const options = offered(ctx);
    if (options.length === 0) {
      const listed = ctx.challenge.availableChallenges ?? [];
      throw unsupportedChallenge(
        listed.includes('WEB_AUTHN')
          ? `${WEB_AUTHN_UNSUPPORTED}, and the user pool offers no other way to sign in.`
          : `The user pool offers no sign-in method this extension supports (offered: ${clipList(listed) || 'none'}).`,
      );
    }
    if (ctx.run.password) {
      if (options.includes('PASSWORD_SRP')) return choose(ctx, 'PASSWORD_SRP');
      if (options.includes('PASSWORD') && accountPrefersPassword(ctx)) return choose(ctx, 'PASSWORD');
      ctx.event({ kind: 'no-srp-offered' });
    }
    return ask(prompt(ctx));
  },
  answer(ctx, answer) {
    if (answer.kind !== 'select-challenge') throw new TypeError('select-challenge answer expected');
    const options = offered(ctx);
    if (answer.choice === 'WEB_AUTHN') {
      return ask(withError(prompt(ctx), { code: 'unsupported-challenge', message: `${WEB_AUTHN_UNSUPPORTED}.` }));
    }
    if (!options.includes(answer.choice)) {
      return ask(withError(prompt(ctx), { code: 'invalid-choice', message: `Choose one of: ${options.join(', ')}.` }));
    }
    if (answer.password) ctx.run.password = answer.password;
    if ((answer.choice === 'PASSWORD' || answer.choice === 'PASSWORD_SRP') && !ctx.run.password) {
      return ask(withError(prompt(ctx), { code: 'password-required', message: `${answer.choice} needs the password.` }));
    }
    return choose(ctx, answer.choice);
  },
};
