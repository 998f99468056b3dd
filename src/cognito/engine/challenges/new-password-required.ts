// NEW_PASSWORD_REQUIRED: the user signed in with a temporary password (protocol doc §4.6).
// The person chooses a new password and fills the required attributes that have no value yet.
// Only those are sent: echoing set or immutable attributes (email_verified, an existing email)
// makes Cognito refuse ("Cannot modify an already provided email").

import type { ChallengeContext } from '../context';
import { malformedResponse } from '../../errors';
import { validateAttributeName } from '../../validate';
import { withError, type NewPasswordPrompt } from '../prompts';
import { PROMPT_PARAMETERS_MAX } from '../server-text';
import { ask, respond, type ChallengeHandler } from './handler';

const PREFIX = 'userAttributes.';
const NEVER_SENT = new Set(['email_verified', 'phone_number_verified']);

function withoutPrefix(name: string): string {
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
}

function parseJson(ctx: ChallengeContext, name: string): unknown {
  const raw = ctx.challenge.parameters[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw malformedResponse(ctx.challenge.name, `ChallengeParameters.${name}`, 'is not JSON');
  }
}

/** Names of the attributes the user already has a value for (userAttributes, a JSON object). */
function attributesWithValue(ctx: ChallengeContext): Set<string> {
  const parsed = parseJson(ctx, 'userAttributes');
  const names = new Set<string>();
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && v !== '') names.add(k);
  }
  return names;
}

function isAttributeName(name: string): boolean {
  try {
    validateAttributeName(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Required attributes that still need a value, without the `userAttributes.` prefix. Each is a
 * field of the person's form and a key sent back, so each must be an attribute name (the API's
 * rule), and there are at most PROMPT_PARAMETERS_MAX of them (a pool has 17 standard attributes,
 * and only those can be required): anything else is not Cognito's answer.
 */
function missingRequired(ctx: ChallengeContext): string[] {
  const parsed = parseJson(ctx, 'requiredAttributes');
  const listed = Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  const names = [...new Set(listed.map(withoutPrefix))];
  const field = 'ChallengeParameters.requiredAttributes';
  if (names.length > PROMPT_PARAMETERS_MAX) throw malformedResponse(ctx.challenge.name, field, `names ${names.length} attributes, more than ${PROMPT_PARAMETERS_MAX}`);
  for (const name of names) {
    if (!isAttributeName(name)) throw malformedResponse(ctx.challenge.name, field, 'holds a name that is no attribute name (1-32 visible characters)');
  }
  const current = attributesWithValue(ctx);
  return names.filter((n) => !current.has(n) && !NEVER_SENT.has(n));
}

function prompt(ctx: ChallengeContext): NewPasswordPrompt {
  return { kind: 'new-password', requiredAttributes: missingRequired(ctx) };
}

export const newPasswordRequired: ChallengeHandler = {
  challenge: 'NEW_PASSWORD_REQUIRED',
  // AliasExistsException: the e-mail or phone given is another account's sign-in alias; another one may do
  askAgainOn: ['InvalidPasswordException', 'PasswordHistoryPolicyViolationException', 'InvalidParameterException', 'AliasExistsException'],
  start(ctx) {
    return ask(prompt(ctx));
  },
  answer(ctx, answer) {
    if (answer.kind !== 'new-password') throw new TypeError('new-password answer expected');
    const required = missingRequired(ctx);
    const given = answer.attributes ?? {};
    const absent = required.filter((n) => !(given[n] ?? '').trim());
    if (absent.length > 0) {
      return ask(withError(prompt(ctx), { code: 'missing-attribute', message: `Fill in: ${absent.join(', ')}.` }));
    }
    const current = attributesWithValue(ctx);
    const responses: Record<string, string> = { NEW_PASSWORD: answer.newPassword };
    for (const [name, value] of Object.entries(given)) {
      const bare = withoutPrefix(name);
      if (NEVER_SENT.has(bare) || current.has(bare) || value === '') continue;
      responses[PREFIX + bare] = value;
    }
    // Remembered for a restart without a forgotten device, and handed to the caller at the end.
    ctx.state.newPassword = answer.newPassword;
    ctx.run.password = answer.newPassword;
    ctx.event({ kind: 'new-password-setting' });
    return respond(responses);
  },
};
