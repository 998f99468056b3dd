// The pages' translated error sentences (src/ui/error-messages.ts): every code the background can
// send has one in English and German, and real background errors (made by the protocol core and
// turned into `{ code, message }` by the background's own errorInfo) get the sentence meant for them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as cognitoErrors from '../../src/cognito/errors';
import { FlowStateError, SignInDeniedError, UnsupportedChallengeError } from '../../src/cognito/engine/flow-errors';
import { errorInfo } from '../../src/background/error-info';
import { AppError } from '../../src/background/errors';
import type { ErrorCode } from '../../src/shared/messages';
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
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The `ErrorCode` union of the message contract (a type, so read from the source). */
function contractCodes(): string[] {
  // Comments go first: they explain codes in prose, semicolons included.
  const source = read('src/shared/messages.ts').replace(/\/\/.*$/gm, '');
  const union = /export type ErrorCode\s*=([^;]*);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
}

/** Client-side errors of the protocol core and engine, built for real to read their `code`. */
const clientErrors = [
  new cognitoErrors.ValidationError('ClientId', '1-128 characters (got 0)'),
  new cognitoErrors.TransportError({ kind: 'network', operation: 'InitiateAuth', endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', attempts: 3 }),
  new cognitoErrors.MalformedResponseError('InitiateAuth', 'AuthenticationResult.ExpiresIn', 'is not a number'),
  new SignInDeniedError('the TOTP answer was not approved'),
  new UnsupportedChallengeError('The server asked for WEB_AUTHN, which this extension cannot answer.'),
  new FlowStateError('DEVICE_SRP_AUTH was asked, but no device is remembered for this account.'),
];

/** Codes the engine attaches to a prompt it asks again: `withError(…, { code: 'X', … })`. */
function promptErrorCodes(): string[] {
  const engine = sourceFiles(join(root, 'src/cognito/engine')).map((f) => readFileSync(f, 'utf8')).join('\n');
  return [...engine.matchAll(/withError\([^;]*?code: '(\w+)'/g)].map((m) => m[1]!);
}

/** Codes the pages make up themselves when the background does not answer. */
const pageCodes = () => [...read('src/ui/ask-background.ts').matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]!);

/** Codes written literally in the background (AppError and plain `{ code, message }` answers). */
function backgroundLiteralCodes(): string[] {
  const background = sourceFiles(join(root, 'src/background')).map((f) => readFileSync(f, 'utf8')).join('\n');
  return [...background.matchAll(/(?:new AppError\(|code: )'([a-z][a-z-]*)'/g)].map((m) => m[1]!);
}

describe('the error table covers every code', () => {
  const codes = {
    contract: contractCodes(),
    cognito: Object.keys(cognitoErrors.ERROR_CLASSES),
    client: clientErrors.map((e) => e.code),
    prompt: promptErrorCodes(),
    page: pageCodes(),
    background: backgroundLiteralCodes(),
  };

  it('finds the codes (sanity check of the collectors)', () => {
    expect(codes.contract).toContain('vault-corrupt');
    expect(codes.contract.length).toBeGreaterThanOrEqual(17);
    expect(codes.cognito).toContain('NotAuthorizedException');
    expect(codes.prompt).toContain('InvalidCode');
    expect(codes.page).toEqual(expect.arrayContaining(['unreachable', 'no-answer']));
    expect(codes.background).toContain('interrupted');
  });

  for (const [source, list] of Object.entries(codes)) {
    it(`has an entry for every ${source} code`, () => {
      expect(list.filter((code) => !Object.hasOwn(ERROR_ENTRIES, code))).toEqual([]);
    });
  }

  it('knows every client-side error class src/cognito/errors.ts exports', () => {
    // A new client-side error class must be added to clientErrors above (and to the table).
    type ErrorClass = abstract new (...args: never[]) => Error;
    const classes = (Object.values(cognitoErrors) as unknown[]).filter((value): value is ErrorClass =>
      typeof value === 'function' && (value as ErrorClass).prototype instanceof Error);
    const client = classes.filter((cls) => !(cls.prototype instanceof cognitoErrors.CognitoError) && cls !== cognitoErrors.CognitoError
      && cls !== cognitoErrors.SrpParameterError); // SRP errors carry a reason, not a code; they read as 'cognito'
    expect(client.map((cls) => cls.name)).toEqual(expect.arrayContaining(['ValidationError', 'TransportError', 'MalformedResponseError']));
    expect(client.filter((cls) => !clientErrors.some((e) => e instanceof cls)).map((cls) => cls.name)).toEqual([]);
  });

  it('has no entry for a code nothing sends', () => {
    const all = new Set(Object.values(codes).flat());
    expect(Object.keys(ERROR_ENTRIES).filter((code) => !all.has(code))).toEqual([]);
  });

  const keys = [...new Set(Object.values(ERROR_ENTRIES).flatMap((e) => [e.key, ...(e.variants ?? []).map((v) => v.key)]))];
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
    expect(errorLine(explainError(corrupt, tEn))).toBe(`${en.errorCodeVaultCorrupt!.message} (${corrupt.message})`);
  });

  it('falls back to the message for a code it does not know', () => {
    expect(explainError({ code: 'SomethingNewException', message: 'Something new happened.' }, tDe))
      .toEqual({ code: 'SomethingNewException', text: 'Something new happened.' });
    expect(explainError({ code: 'whatever', message: '  ' }, tDe)).toEqual({ code: 'whatever', text: de.unknownError!.message });
  });

  it('reads Cognito exception codes sent as the code itself', () => {
    expect(explainError({ code: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }, tDe))
      .toEqual({ code: 'NotAuthorizedException', text: de.errorCodeSessionRevoked!.message });
    expect(explainError({ code: 'CodeMismatchException', message: 'Invalid code received for user' }, tEn))
      .toEqual({ code: 'CodeMismatchException', text: en.errorCodeCodeMismatch!.message });
  });
});

describe('real background errors', () => {
  /** What a page receives for `error` thrown in the background. */
  const received = (error: unknown) => errorInfo(error);
  const service = (code: string, message: string) => cognitoErrors.errorFromResponse({ code, message, status: 400 });

  it('every Cognito exception gets its own sentence, whatever the background prefixes', () => {
    for (const code of Object.keys(cognitoErrors.ERROR_CLASSES)) {
      const view = explainError(received(service(code, 'The service said something.')), tEn);
      expect(view.code, code).toBe(code);
      expect(view.text, code).toBe(en[ERROR_ENTRIES[code]!.key]!.message);
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
    expect(explainError(received(service('NotAuthorizedException', 'User is disabled.')), tDe).detail).toMatch(/^User is disabled\./);
  });

  it('a Lambda trigger\'s own reason is kept as the detail', () => {
    const view = explainError(received(service('UserLambdaValidationException', 'PreAuthentication failed with error Outside office hours.')), tDe);
    expect(view.text).toBe(de.errorCodeLambdaRejected!.message);
    expect(view.detail).toMatch(/^PreAuthentication failed with error Outside office hours\./);
  });

  it('the remembered device gone is told apart from a missing pool', () => {
    expect(explainError(received(service('ResourceNotFoundException', 'Device does not exist.')), tEn).text).toBe(en.errorCodeDeviceNotFound!.message);
    expect(explainError(received(service('ResourceNotFoundException', 'User pool client abc does not exist.')), tEn).text).toBe(en.errorCodePoolNotFound!.message);
  });

  it('client-side errors filed under "cognito" get their own sentence', () => {
    const expected: Record<string, string> = {
      ValidationError: 'errorCodeValidation', TransportError: 'errorCodeTransport', MalformedResponse: 'errorCodeMalformedResponse',
      SignInDenied: 'errorCodeSignInDenied',
    };
    for (const error of clientErrors) {
      const info = received(error);
      const view = explainError(info, tDe);
      if (expected[error.code]) {
        expect(view.code, error.code).toBe(error.code);
        expect(view.text, error.code).toBe(de[expected[error.code]!]!.message);
      } else {
        // Messages of free form (unsupported challenge, flow state): the generic sentence and the words.
        expect(view, error.code).toEqual({ code: 'cognito', text: de.errorCodeCognito!.message, detail: info.message });
      }
    }
  });

  it('a transport failure keeps the host it could not reach', () => {
    const view = explainError(received(clientErrors[1]), tEn);
    expect(view.detail).toContain('cognito-idp.eu-west-1.amazonaws.com');
  });

  it('background refusals keep their code', () => {
    expect(explainError(received(new AppError('wrong-password', 'Wrong vault password.')), tDe)).toEqual({ code: 'wrong-password', text: de.errorWrongPassword!.message });
    expect(explainError(received(new TypeError('x is undefined')), tEn)).toMatchObject({ code: 'internal', text: en.errorCodeInternal!.message });
  });
});
