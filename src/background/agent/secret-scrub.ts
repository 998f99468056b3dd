// Defence in depth: the protocol core already removes a request's own secrets from the service's
// messages, but a server (or proxy) may echo anything it was ever sent. No secret the account
// holds (nor one typed for this flow) may reach a page through an error, a progress line or a
// prompt. This file is where the agent's jobs collect those values and scrub with them.
import { redactSecrets } from '../../cognito/errors';
import type { FlowOutcome } from '../../cognito/engine/types';
import type { ErrorInfo } from '../../shared/error-codes';
import type { PromptAnswerInput } from '../../shared/requests';
import type { CognitoAccount, StoredTokens } from '../accounts/model';
import { errorFromInfo, errorInfo } from '../error-info';
import type { AccountSessions } from './account-session';
import type { FlowRecord } from './flow-store';

/** Every secret value the account and its tokens hold. */
export function secretValuesOf(account: CognitoAccount, tokens: StoredTokens | undefined): string[] {
  const values = [account.secrets.password, account.secrets.totpSecret, account.secrets.pendingTotpSecret, account.secrets.device?.devicePassword, account.clientSecret,
    tokens?.accessToken, tokens?.idToken, tokens?.refreshToken];
  return values.filter((v): v is string => typeof v === 'string');
}

/** The secrets a finished sign-in produced (new refresh token, enrolled TOTP secret, new password, device password). */
export function outcomeSecrets(outcome: Extract<FlowOutcome, { status: 'signed-in' }>): string[] {
  const values = [outcome.tokens.refreshToken, outcome.enrolledTotpSecret, outcome.newPassword, outcome.device?.devicePassword];
  return values.filter((v): v is string => typeof v === 'string');
}

/** What the person typed into this answer that must never be echoed back (passwords, free text). */
export function typedSecretsOf(answer: PromptAnswerInput): string[] {
  const values = [
    'password' in answer ? answer.password : undefined,
    'newPassword' in answer ? answer.newPassword : undefined,
    'answer' in answer ? answer.answer : undefined,
  ];
  return values.filter((s): s is string => typeof s === 'string');
}

/** The page's view of an error, with every given secret value replaced. */
export function scrubbedErrorInfo(error: unknown, secrets: string[]): ErrorInfo {
  const info = errorInfo(error);
  return { ...info, message: redactSecrets(info.message, secrets) };
}

/** Scrubs a flow record's progress, error and prompt error before it is stored or shown. */
export function scrubRecord(record: FlowRecord, secrets: string[]): void {
  if (secrets.length === 0) return;
  record.progress = record.progress.map((event) => scrubStrings(event, secrets));
  if (record.error) record.error = { ...record.error, message: redactSecrets(record.error.message, secrets) };
  const promptError = record.prompt?.error;
  if (record.prompt && promptError) {
    record.prompt = { ...record.prompt, error: { ...promptError, message: redactSecrets(promptError.message, secrets) } };
  }
}

/** Every string in a JSON value (an event's fields) with the secret values replaced. */
function scrubStrings<T>(value: T, secrets: string[]): T {
  if (typeof value === 'string') return redactSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, secrets)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubStrings(item, secrets)])) as T;
  }
  return value;
}

/**
 * Runs a job for one account and rethrows its failure scrubbed of every secret the account holds
 * (password, TOTP secret, device password, client secret, tokens, before and after a refresh the
 * job may have made), keeping the specific code.
 */
export async function scrubbingErrors<T>(sessions: AccountSessions, accountId: string, run: () => Promise<T>): Promise<T> {
  const before = await secretValuesFor(sessions, accountId);
  try {
    return await run();
  } catch (error) {
    const secrets = [...before, ...(await secretValuesFor(sessions, accountId))];
    if (secrets.length === 0) throw error;
    throw errorFromInfo(scrubbedErrorInfo(error, secrets));
  }
}

/** Every secret value of the account and its tokens; none when they cannot be read. */
async function secretValuesFor(sessions: AccountSessions, accountId: string): Promise<string[]> {
  try {
    const { account, tokens } = await sessions.open(accountId);
    return secretValuesOf(account, tokens);
  } catch {
    return [];
  }
}
