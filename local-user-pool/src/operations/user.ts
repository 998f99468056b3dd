/** Self-service user operations: GetUser, ChangePassword, SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword. */
import type { Handler } from '../context.js';
import type { PoolRecord, UserRecord } from '../store.js';
import { PoolError, invalidParameter, notAuthorized, INCORRECT_CREDENTIALS } from '../errors.js';
import {
  attributeList,
  authenticate,
  checkLockout,
  checkSecretHash,
  clientById,
  deliverCode,
  findUser,
  maskEmail,
  maskPhone,
  recordFailure,
  userKey,
} from '../lookup.js';
import { passwordMatches } from '../srp-server.js';
import { requireSmsSender } from '../sms.js';
import { noProgress } from '../sessions.js';
import { checkPasswordPolicy, newUserRecord, poolNameOf, preferredFactor, setPassword, userMfaSettingList } from '../users.js';
import { CLIENT_ID_RULE, PASSWORD_RULE, TOKEN_RULE, USERNAME_RULE, optAttributes, optStr, reqStr } from '../validation.js';

export function mfaView(pool: PoolRecord, user: UserRecord) {
  const list = userMfaSettingList(pool, user);
  const preferred = preferredFactor(user);
  return {
    ...(preferred && list.includes(preferred) ? { PreferredMfaSetting: preferred } : {}),
    ...(list.length > 0 ? { UserMFASettingList: list } : {}),
  };
}

export const GetUser: Handler = (ctx, body) => {
  const { pool, user } = authenticate(ctx, reqStr(body, 'AccessToken', TOKEN_RULE));
  return { Username: user.username, UserAttributes: attributeList(user.attributes), ...mfaView(pool, user) };
};

export const ChangePassword: Handler = (ctx, body) => {
  const { pool, user } = authenticate(ctx, reqStr(body, 'AccessToken', TOKEN_RULE));
  const previous = optStr(body, 'PreviousPassword', PASSWORD_RULE);
  const proposed = reqStr(body, 'ProposedPassword', PASSWORD_RULE);
  checkLockout(ctx, pool, user);
  if (!previous || !user.srp || !passwordMatches(poolNameOf(pool.id), user.username, previous, user.srp)) {
    recordFailure(ctx, user);
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  checkPasswordPolicy(pool, proposed);
  setPassword(pool, user, proposed, 'CONFIRMED', ctx.now());
  ctx.markDirty();
  return {};
};

function deliveryDetails(pool: PoolRecord, user: UserRecord) {
  const auto = (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
  if (auto.includes('email') && user.attributes.email)
    return { Destination: maskEmail(user.attributes.email), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  if (auto.includes('phone_number') && user.attributes.phone_number)
    return { Destination: maskPhone(user.attributes.phone_number), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  return undefined;
}

export const SignUp: Handler = (ctx, body) => {
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const username = reqStr(body, 'Username', USERNAME_RULE);
  const password = optStr(body, 'Password', PASSWORD_RULE);
  checkSecretHash(client, username, optStr(body, 'SecretHash'));
  if (findUser(pool, username)) throw new PoolError('UsernameExistsException', 'User already exists');
  if (password === undefined) throw invalidParameter('Missing required parameter Password');
  checkPasswordPolicy(pool, password);
  const now = ctx.now();
  const user = newUserRecord(pool, username, optAttributes(body, 'UserAttributes') ?? {}, now);
  if (pool.users[userKey(pool, user.username)]) throw new PoolError('UsernameExistsException', 'User already exists');
  const details = deliveryDetails(pool, user);
  // nothing is created when the code cannot be sent
  if (details?.DeliveryMedium === 'SMS') requireSmsSender(ctx, pool);
  setPassword(pool, user, password, 'UNCONFIRMED', now);
  pool.users[userKey(pool, user.username)] = user;
  deliverCode(ctx, pool, user, 'SIGN_UP', details?.Destination);
  ctx.markDirty();
  return { UserConfirmed: false, UserSub: user.sub, ...(details ? { CodeDeliveryDetails: details } : {}) };
};

function codeFor(pool: PoolRecord, user: UserRecord, purpose: string): string | undefined {
  const c = pool.codes[userKey(pool, user.username)];
  return c && c.purpose === purpose ? c.code : undefined;
}

export const ConfirmSignUp: Handler = (ctx, body) => {
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const username = reqStr(body, 'Username', USERNAME_RULE);
  const code = reqStr(body, 'ConfirmationCode', { min: 1, max: 2048, secret: true });
  checkSecretHash(client, username, optStr(body, 'SecretHash'));
  const user = findUser(pool, username);
  if (!user) throw new PoolError('UserNotFoundException', 'Username/client id combination not found.');
  if (user.status !== 'UNCONFIRMED') throw notAuthorized('User cannot be confirmed. Current status is CONFIRMED');
  checkLockout(ctx, pool, user);
  if (codeFor(pool, user, 'SIGN_UP') !== code) {
    recordFailure(ctx, user);
    throw new PoolError('CodeMismatchException', 'Invalid verification code provided, please try again.');
  }
  user.status = 'CONFIRMED';
  const auto = (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
  if (auto.includes('email') && user.attributes.email) user.attributes.email_verified = 'true';
  if (auto.includes('phone_number') && user.attributes.phone_number) user.attributes.phone_number_verified = 'true';
  delete pool.codes[userKey(pool, user.username)];
  ctx.markDirty();
  // lets USER_AUTH sign the new user in without another factor
  const s = ctx.sessions.create(
    {
      poolId: pool.id,
      clientId: client.clientId,
      username: user.username,
      userNotFound: false,
      admin: false,
      flow: 'SIGN_UP',
      ...noProgress(),
      signUpConfirmed: true,
    },
    client.authSessionValidityMinutes,
  );
  return { Session: s.id };
};

export const ResendConfirmationCode: Handler = (ctx, body) => {
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const username = reqStr(body, 'Username', USERNAME_RULE);
  checkSecretHash(client, username, optStr(body, 'SecretHash'));
  const user = findUser(pool, username);
  if (!user) throw new PoolError('UserNotFoundException', 'Username/client id combination not found.');
  if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
  const details = deliveryDetails(pool, user);
  if (details?.DeliveryMedium === 'SMS') requireSmsSender(ctx, pool);
  deliverCode(ctx, pool, user, 'SIGN_UP', details?.Destination);
  return details ? { CodeDeliveryDetails: details } : {};
};

export const ForgotPassword: Handler = (ctx, body) => {
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const username = reqStr(body, 'Username', USERNAME_RULE);
  checkSecretHash(client, username, optStr(body, 'SecretHash'));
  const user = findUser(pool, username);
  const fake = { Destination: maskEmail(`${username}@example.com`), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  if (!user) return { CodeDeliveryDetails: fake };
  const details = user.attributes.email
    ? { Destination: maskEmail(user.attributes.email), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    : { Destination: maskPhone(user.attributes.phone_number), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  if (details.DeliveryMedium === 'SMS') requireSmsSender(ctx, pool);
  deliverCode(ctx, pool, user, 'FORGOT_PASSWORD', details.Destination);
  return { CodeDeliveryDetails: details };
};

export const ConfirmForgotPassword: Handler = (ctx, body) => {
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  const username = reqStr(body, 'Username', USERNAME_RULE);
  const code = reqStr(body, 'ConfirmationCode', { min: 1, max: 2048, secret: true });
  const password = reqStr(body, 'Password', PASSWORD_RULE);
  checkSecretHash(client, username, optStr(body, 'SecretHash'));
  const user = findUser(pool, username);
  if (!user) throw new PoolError('CodeMismatchException', 'Invalid verification code provided, please try again.');
  checkLockout(ctx, pool, user);
  if (codeFor(pool, user, 'FORGOT_PASSWORD') !== code) {
    recordFailure(ctx, user);
    throw new PoolError('CodeMismatchException', 'Invalid verification code provided, please try again.');
  }
  checkPasswordPolicy(pool, password);
  setPassword(pool, user, password, 'CONFIRMED', ctx.now());
  delete pool.codes[userKey(pool, user.username)];
  ctx.markDirty();
  return {};
};
