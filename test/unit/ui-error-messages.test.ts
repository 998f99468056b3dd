// The pages' translated error sentences (src/ui/error-messages.ts): every code the background can
// send has one in English and German, and real background errors (made by the protocol core and
// turned into `{ code, message }` by the background's own errorInfo) get the sentence meant for them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as cognitoErrors from '../../src/cognito/errors';
import * as flowErrors from '../../src/cognito/engine/flow-errors';
import { srpParameterError } from '../../src/cognito/srp/errors';
import { errorFromInfo, errorInfo } from '../../src/background/error-info';
import * as otpErrors from '../../src/otp/otp-errors';
import { limitError } from '../../src/otp/limits';
import { AppError } from '../../src/background/errors';
import {
  APP_ERROR_CODES, CLIENT_ERROR_CODES, LIMIT_ERROR_CODES, PAGE_ERROR_CODES, PROMPT_ERROR_CODES, SERVICE_ERROR_CODES,
  type ClientErrorCode, type ErrorCode,
} from '../../src/shared/error-codes';
import { ERROR_ENTRIES, errorLine, explainError, type Translate } from '../../src/ui/error-messages';
import { translator } from '../../src/ui/translator';

const root = resolve(import.meta.dirname, '../..');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const locale = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages;
const en = locale('en');
const de = locale('de');
/** Like browser.i18n.getMessage for messages without placeholders: '' for an unknown key. */
const lookupIn = (messages: Messages): Translate => translator((key) => messages[key]?.message ?? '');
const tEn = lookupIn(en);
const tDe = lookupIn(de);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** One real error of each client-side kind, made by the protocol core's and engine's own factories. */
const clientErrors: Record<ClientErrorCode, Error> = {
  'validation': cognitoErrors.validationError('ClientId', '1-128 characters (got 0)'),
  'transport': cognitoErrors.transportError({ kind: 'network', operation: 'InitiateAuth', endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', attempts: 3 }),
  'malformed-response': cognitoErrors.malformedResponse('InitiateAuth', 'AuthenticationResult.ExpiresIn', 'is not a number'),
  'srp-parameter': srpParameterError('B_ZERO'),
  'denied': flowErrors.signInDenied('the TOTP answer was not approved'),
  'unsupported-challenge': flowErrors.unsupportedChallenge('The server asked for WEB_AUTHN, which this extension cannot answer.'),
  'flow-state': flowErrors.flowStateError('DEVICE_SRP_AUTH was asked, but no device is remembered for this account.'),
  'outcome-unknown': cognitoErrors.outcomeUnknown({ operation: 'RespondToAuthChallenge', endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', detail: 'InternalErrorException, HTTP 500',
    cause: cognitoErrors.errorFromResponse({ code: 'InternalErrorException', message: 'Internal error', status: 500 }) }),
  'response-too-large': cognitoErrors.responseTooLarge({ operation: 'ListDevices', endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', limitBytes: 1024 * 1024 }),
  'unexpected-challenge': flowErrors.unexpectedChallenge('The server asked for something unexpected: it answered InitiateAuth (USER_SRP_AUTH) with SELECT_CHALLENGE.'),
  'step-limit': flowErrors.challengeStepLimit('The user pool asked for more than 20 challenges in one sign-in.'),
  'mfa-setup-unavailable': flowErrors.mfaSetupUnavailable('The user pool requires MFA and offers to set up SMS_MFA, which this extension cannot set up.'),
};

/**
 * Codes the engine attaches to a prompt it asks again: `withError(…, { code: 'X', … })`. The engine
 * exports no list of them, so they are read from its source.
 */
function promptErrorCodes(): string[] {
  const engine = sourceFiles(join(root, 'src/cognito/engine')).map((f) => readFileSync(f, 'utf8')).join('\n');
  return [...engine.matchAll(/withError\([^;]*?code: '([\w-]+)'/g)].map((m) => m[1]!);
}

/** Codes the pages make up themselves when the background does not answer (read from the source, as above). */
const pageCodes = () => [...readFileSync(join(root, 'src/ui/ask-background.ts'), 'utf8').matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]!);

/** The error factories a module exports (functions whose name says they make an error). */
const errorFactoriesOf = (module: object) => Object.entries(module)
  .filter(([name, value]) => typeof value === 'function' && !/^(is|errorFromResponse|errorSummary|redactSecrets|AppError$)/.test(name))
  .map(([name]) => name);

describe('the error table covers every code', () => {
  const codes = {
    app: [...APP_ERROR_CODES],
    client: [...CLIENT_ERROR_CODES],
    limit: [...LIMIT_ERROR_CODES],
    service: [...SERVICE_ERROR_CODES],
    prompt: [...PROMPT_ERROR_CODES],
    page: [...PAGE_ERROR_CODES],
  };

  it('finds the codes (sanity check of the collectors), and the engine and pages use only listed ones', () => {
    expect(promptErrorCodes()).toEqual(expect.arrayContaining(['invalid-code', 'invalid-choice', 'missing-attribute']));
    expect(pageCodes()).toEqual(expect.arrayContaining(['unreachable', 'no-answer']));
    const listed = new Set<string>([...PROMPT_ERROR_CODES, ...CLIENT_ERROR_CODES]);
    expect(promptErrorCodes().filter((code) => !listed.has(code))).toEqual([]);
    expect(pageCodes().filter((code) => !(PAGE_ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  for (const [source, list] of Object.entries(codes)) {
    it(`has an entry for every ${source} code`, () => {
      expect(list.filter((code) => !Object.hasOwn(ERROR_ENTRIES, code))).toEqual([]);
    });
  }

  it('the background reports each client-side error under its own code', () => {
    for (const [code, error] of Object.entries(clientErrors)) expect(errorInfo(error), code).toEqual({ code, message: error.message });
  });

  it('knows every client-side error factory the protocol core and the engine export', () => {
    // A new factory must use a listed code (CLIENT_ERROR_CODES), which then needs a sentence.
    const factories = [...errorFactoriesOf(cognitoErrors), ...errorFactoriesOf(flowErrors)];
    expect(factories).toEqual(expect.arrayContaining(['validationError', 'transportError', 'signInDenied']));
    expect(factories.length).toBe(Object.keys(clientErrors).length - 1); // srp-parameter's lives in srp/errors
    for (const error of Object.values(clientErrors)) expect(error).toBeInstanceOf(cognitoErrors.AppError);
  });

  it('has no entry for a code nothing sends', () => {
    const all = new Set<string>(Object.values(codes).flat());
    expect(Object.keys(ERROR_ENTRIES).filter((code) => !all.has(code))).toEqual([]);
  });

  const keys = [...new Set(Object.values(ERROR_ENTRIES).map((e) => e.key)), 'errorCodeCognito'];
  for (const [lang, messages] of [['en', en], ['de', de]] as const) {
    it(`${lang}: defines every sentence, without placeholders`, () => {
      expect(keys.filter((key) => !messages[key])).toEqual([]);
      expect(keys.filter((key) => messages[key]?.placeholders)).toEqual([]);
    });
  }

  it('German sentences are translations, not copies', () => {
    expect(keys.filter((key) => en[key]?.message === de[key]?.message)).toEqual([]);
  });
});

describe('explainError', () => {
  const contract = (code: ErrorCode, message: string) => ({ code, message });

  it('replaces a message that adds nothing with the translated sentence', () => {
    const locked = contract('locked', 'The vault is locked: unlock it first.');
    expect(explainError(locked, tEn)).toEqual({ code: 'locked', text: en.errorLocked!.message });
    expect(explainError(locked, tDe)).toEqual({ code: 'locked', text: de.errorLocked!.message });
  });

  it('keeps a message that says which record or field as the detail', () => {
    const corrupt = contract('vault-corrupt', 'Record account.a1 failed its integrity check.');
    expect(explainError(corrupt, tDe)).toEqual({ code: 'vault-corrupt', text: de.errorCodeVaultCorrupt!.message, detail: corrupt.message });
    // As one line of plain text (no disclosure to hide it behind) the English detail is left out.
    expect(errorLine(explainError(corrupt, tEn))).toBe(en.errorCodeVaultCorrupt!.message);
    expect(errorLine(explainError(corrupt, tDe))).toBe(de.errorCodeVaultCorrupt!.message);
  });

  it('an exception Cognito sent that the core does not know gets the general sentence, its name and words as detail', () => {
    expect(explainError({ code: 'service-error', exception: 'ThrottlingException', message: 'Rate exceeded' }, tDe))
      .toEqual({ code: 'service-error', text: de.errorCodeCognito!.message, detail: 'ThrottlingException: Rate exceeded' });
    expect(explainError({ code: 'service-error', exception: 'HTTP502', message: '  ' }, tEn)).toEqual({ code: 'service-error', text: en.errorCodeCognito!.message, detail: 'HTTP502' });
    // A code not in the list (stored by an older version, say) is shown the same way.
    expect(explainError({ code: 'HTTP502', message: '  ' }, tEn)).toEqual({ code: 'HTTP502', text: en.errorCodeCognito!.message, detail: 'HTTP502' });
  });

  it('a page-side failure without a code shows its message', () => {
    expect(explainError({ code: '', message: 'Could not read the file.' }, tDe)).toEqual({ code: '', text: 'Could not read the file.' });
    expect(explainError({ code: '', message: '  ' }, tDe)).toEqual({ code: '', text: de.unknownError!.message });
  });

  it('picks the sentence by the code alone, never by the message', () => {
    expect(explainError({ code: 'session-revoked', exception: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }, tDe))
      .toEqual({ code: 'session-revoked', text: de.errorCodeSessionRevoked!.message });
    expect(explainError({ code: 'code-mismatch', exception: 'CodeMismatchException', message: 'Invalid code received for user' }, tEn))
      .toEqual({ code: 'code-mismatch', text: en.errorCodeCodeMismatch!.message });
    // Words that would have picked another sentence, had the page read them, change nothing.
    expect(explainError({ code: 'not-authorized', exception: 'NotAuthorizedException', message: 'Incorrect username or password.' }, tEn).text)
      .toBe(en.errorCodeNotAuthorized!.message);
  });
});

describe('real background errors', () => {
  /** What a page receives for `error` thrown in the background. */
  const received = (error: unknown) => errorInfo(error);
  const service = (code: string, message: string) => cognitoErrors.errorFromResponse({ code, message, status: 400 });

  it('a Cognito exception arrives as the code the core chose, its name, and only Cognito\'s words', () => {
    const error = service('NotAuthorizedException', 'Incorrect username or password.');
    expect(received(error)).toEqual({ code: 'incorrect-password', exception: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('every Cognito exception the core knows gets a sentence of its own, not the general one', () => {
    for (const exception of cognitoErrors.KNOWN_EXCEPTIONS) {
      const info = received(service(exception, 'The service said something.'));
      const view = explainError(info, tEn);
      expect(info.exception, exception).toBe(exception);
      expect(view.code, exception).toBe(info.code);
      expect(view.text, exception).toBe(en[ERROR_ENTRIES[info.code].key]!.message);
      expect(view.text, exception).not.toBe(en.errorCodeCognito!.message);
    }
  });

  it('an OTP refusal arrives by the limit it passed, else as import-failed with its own words; never as internal', () => {
    expect(received(otpErrors.otpauthUriError('uri-bad-secret', 'The secret is longer than 256 bytes.', 'otp-secret-too-long')))
      .toEqual({ code: 'otp-secret-too-long', message: 'The secret is longer than 256 bytes.' });
    expect(received(otpErrors.otpParameterError('account', 'The account has 300 characters.', 'label-too-long')))
      .toEqual({ code: 'label-too-long', message: 'The account has 300 characters.' });
    expect(received(limitError('import-too-large', 'The import text is too long.')))
      .toEqual({ code: 'import-too-large', message: 'The import text is too long.' });
    for (const error of [
      otpErrors.otpauthUriError('uri-unknown-algorithm', 'Unknown algorithm "MD5".'),
      otpErrors.otpParameterError('digits', 'Digits must be a whole number from 6 to 8.'),
      otpErrors.base32Error('base32-too-short', 'The secret is too short.'),
      otpErrors.documentError('aegis-encrypted', 'The Aegis export is encrypted.'),
    ]) {
      expect(received(error), error.code).toEqual({ code: 'import-failed', message: error.message });
    }
  });

  it('NotAuthorizedException: the message picks the sentence', () => {
    const cases: [string, string][] = [
      ['Incorrect username or password.', 'errorCodeIncorrectPassword'],
      ['Invalid session for the user, session is expired.', 'errorCodeSessionExpired'],
      ['Client 4a5b is configured for secret but secret was not received', 'errorCodeClientSecret'],
      ['Password attempts exceeded', 'errorCodeAttemptsExceeded'],
      ['Refresh Token has been revoked', 'errorCodeSessionRevoked'],
      ['Access Token has been revoked', 'errorCodeSessionRevoked'],
      ['User is disabled.', 'errorCodeNotAuthorized'],
    ];
    for (const [message, key] of cases) {
      expect(explainError(received(service('NotAuthorizedException', message)), tDe).text, message).toBe(de[key]!.message);
    }
    // The generic sentence keeps Cognito's own words, which are the only clue there.
    expect(explainError(received(service('NotAuthorizedException', 'User is disabled.')), tDe).detail).toBe('User is disabled.');
  });

  it('a Lambda trigger\'s own reason is kept as the detail', () => {
    const view = explainError(received(service('UserLambdaValidationException', 'PreAuthentication failed with error Outside office hours.')), tDe);
    expect(view).toEqual({ code: 'lambda-rejected', text: de.errorCodeLambdaRejected!.message, detail: 'PreAuthentication failed with error Outside office hours.' });
  });

  it('the remembered device gone is told apart from a missing pool', () => {
    expect(explainError(received(service('ResourceNotFoundException', 'Device does not exist.')), tEn).text).toBe(en.errorCodeDeviceNotFound!.message);
    expect(explainError(received(service('ResourceNotFoundException', 'User pool client abc does not exist.')), tEn).text).toBe(en.errorCodePoolNotFound!.message);
  });

  it('client-side errors get the sentence of their code, and their words only where they name something', () => {
    for (const [code, error] of Object.entries(clientErrors)) {
      const entry = ERROR_ENTRIES[code as ClientErrorCode];
      const expected = entry.detail ? { code, text: de[entry.key]!.message, detail: error.message } : { code, text: de[entry.key]!.message };
      expect(explainError(received(error), tDe), code).toEqual(expected);
    }
    expect(explainError(received(clientErrors.denied), tEn).text).toBe(en.errorCodeSignInDenied!.message);
  });

  it('a transport failure keeps the host it could not reach', () => {
    const view = explainError(received(clientErrors.transport), tEn);
    expect(view.detail).toContain('cognito-idp.eu-west-1.amazonaws.com');
  });

  it('an error re-thrown after scrubbing keeps its specific code', () => {
    const scrubbed = errorFromInfo({ code: 'device-not-found', exception: 'ResourceNotFoundException', message: 'Device [redacted] does not exist.' });
    expect(received(scrubbed)).toEqual({ code: 'device-not-found', exception: 'ResourceNotFoundException', message: 'Device [redacted] does not exist.' });
    expect(explainError(received(scrubbed), tEn)).toEqual({ code: 'device-not-found', text: en.errorCodeDeviceNotFound!.message });
  });

  it('background refusals keep their code', () => {
    expect(explainError(received(new AppError('wrong-password', 'Wrong vault password.')), tDe)).toEqual({ code: 'wrong-password', text: de.errorWrongPassword!.message });
    expect(explainError(received(new TypeError('x is undefined')), tEn)).toMatchObject({ code: 'internal', text: en.errorCodeInternal!.message });
  });
});

/** Like browser.i18n.getMessage, placeholders included ($name$ → its "$n" substitution). */
const withPlaceholders = (messages: Messages): Translate => translator((key, subs = []) => {
  const entry = messages[key];
  if (!entry) return '';
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  });
});

describe('prompt errors are worded by code, with the facts from details, never the engine\'s English', () => {
  const tDeFull = withPlaceholders(de);
  const tEnFull = withPlaceholders(en);
  // The shapes the engine attaches (src/cognito/engine/challenges/*: withError(…, { code, message, details })).
  const deliveredCode = { code: 'invalid-code', message: 'Enter the code of 6 to 8 digits that was sent.', details: { minDigits: 6, maxDigits: 8 } };
  const totpCode = { code: 'invalid-code', message: 'Enter the 6-digit code from the authenticator.', details: { minDigits: 6, maxDigits: 6 } };
  const missing = { code: 'missing-attribute', message: 'Fill in: email, given_name.', details: { attributes: ['email', 'given_name'] } };
  const choice = { code: 'invalid-choice', message: 'Choose one of: SMS_MFA, EMAIL_OTP.', details: { options: ['SMS_MFA', 'EMAIL_OTP'] } };

  it('an invalid code names the digits the engine asked for, in the page\'s language', () => {
    expect(explainError(deliveredCode, tDeFull)).toEqual({ code: 'invalid-code', text: 'Geben Sie den zugesandten Code mit 6 bis 8 Ziffern ein.' });
    expect(explainError(totpCode, tDeFull)).toEqual({ code: 'invalid-code', text: 'Geben Sie den Code mit 6 Ziffern ein.' });
    expect(explainError(deliveredCode, tEnFull).text).toBe('Enter the code of 6 to 8 digits that was sent.');
  });

  it('missing attributes are named in the sentence; a choice error uses its sentence alone', () => {
    expect(explainError(missing, tDeFull)).toEqual({ code: 'missing-attribute', text: 'Füllen Sie die Pflichtfelder aus: email, given_name.' });
    expect(explainError(choice, tDeFull)).toEqual({ code: 'invalid-choice', text: de.errorCodeInvalidChoice!.message });
  });

  it('without details the code\'s plain sentence is shown, still not the English message', () => {
    expect(explainError({ code: 'invalid-code', message: 'Enter the code of 6 to 8 digits that was sent.' }, tDeFull))
      .toEqual({ code: 'invalid-code', text: de.errorCodeInvalidCode!.message });
  });

  it('no prompt error code shows the engine\'s English message as a detail', () => {
    for (const code of PROMPT_ERROR_CODES) {
      expect(explainError({ code, message: 'English words from the engine.' }, tDeFull), code).not.toHaveProperty('detail');
    }
  });

  it('the worded sentences have German translations that are not copies', () => {
    for (const key of ['errorCodeInvalidCodeDigits', 'errorCodeInvalidCodeDigitRange', 'errorCodeMissingAttributeNamed', 'errorDetailsLabel']) {
      expect(de[key]?.message, key).toBeDefined();
      expect(de[key]?.message, key).not.toBe(en[key]?.message);
    }
  });
});
