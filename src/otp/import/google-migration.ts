/**
 * Google Authenticator exports: `otpauth-migration://offline?data=<base64 protobuf>`.
 *
 * The payload is this (unpublished, widely reverse-engineered) protobuf:
 *   message MigrationPayload {
 *     repeated OtpParameters otp_parameters = 1;
 *     int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
 *   }
 *   message OtpParameters {
 *     bytes secret = 1; string name = 2; string issuer = 3;
 *     Algorithm algorithm = 4;  // 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
 *     DigitCount digits = 5;    // 0 unspecified, 1 six, 2 eight
 *     OtpType type = 6;         // 0 unspecified, 1 HOTP, 2 TOTP
 *     int64 counter = 7;
 *   }
 * It is read field by field with @bufbuild/protobuf's BinaryReader (no generated code needed for
 * two small messages). A damaged payload fails the whole line; a bad entry (unknown enum value,
 * short secret) becomes a problem while the other entries are kept.
 *
 * Budgets (./limits.ts), checked before anything is decoded or allocated: the URI's length, the
 * number of entries, each entry's secret and name lengths (read from the length prefix, before
 * the bytes are taken), and the batch size and index, which are only counts but would otherwise
 * size the list of missing QR codes: out of range, they are reported and ignored, and the
 * entries beside them are kept.
 */
import { base64 } from '@scure/base';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { encodeBase32 } from '../base32';
import { createOtpAccount, splitIssuerLabel, type OtpAccount, type OtpAlgorithm, type OtpType } from '../otp-account';
import { describeEntry, type ImportProblem } from './import-result';
import { documentError, isOtpError, isParameterError, otpParameterError } from '../otp-errors';
import { problemCodeOf } from './problem-codes';
import { IMPORT_LIMITS, LABEL_MAX_CHARS, limitError, OTP_LIMITS } from '../limits';

/**
 * A name of an entry, in UTF-8 bytes, before it is decoded: "issuer:account" is two names and a
 * colon, and one UTF-16 unit takes at most 3 bytes. The decoded names are then checked in characters.
 */
const MAX_NAME_BYTES = 3 * (2 * LABEL_MAX_CHARS + 1);

export interface MigrationBatch {
  version: number;
  /** Number of QR codes the export was split into (1 when it fits in one). */
  batchSize: number;
  /** 0-based position of this QR code in the export. */
  batchIndex: number;
  /** Identifies the export the QR codes belong to. */
  batchId: number;
}

export interface GoogleMigrationResult {
  accounts: OtpAccount[];
  /** Per-entry problems; `entry` is the 1-based position in this payload. */
  problems: ImportProblem[];
  batch: MigrationBatch;
  /** How many entries the payload holds (read or not): what counts against the import budget. */
  entries: number;
}

/** Raw decoded entry, before it is turned into an account. */
interface OtpParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

const ALGORITHMS: Record<number, OtpAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const TYPES: Record<number, OtpType> = { 1: 'hotp', 2: 'totp' };


function expectWireType(actual: WireType, expected: WireType, field: string): void {
  if (actual !== expected) throw documentError('migration-unreadable', `The Google Authenticator export data is damaged: field ${field} has the wrong wire type.`);
}

/**
 * A length-delimited field whose length prefix is checked against `max` before the bytes are
 * taken (BinaryReader.bytes() would take any length the payload holds).
 */
function boundedBytes(reader: BinaryReader, max: number, tooLong: () => Error): Uint8Array {
  const start = reader.pos;
  const length = reader.uint32();
  if (length > max) throw tooLong();
  reader.pos = start;
  return reader.bytes();
}

const nameTooLong = (field: 'issuer' | 'account') => () =>
  otpParameterError(field, `The ${field === 'issuer' ? 'issuer' : 'name'} is longer than ${LABEL_MAX_CHARS} characters.`, 'label-too-long');
const secretTooLong = () =>
  otpParameterError('secret', `The secret is longer than ${OTP_LIMITS.secretBytes.max} bytes.`, 'otp-secret-too-long');

function readOtpParameters(bytes: Uint8Array): OtpParameters {
  const reader = new BinaryReader(bytes);
  const entry: OtpParameters = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    switch (field) {
      case 1:
        expectWireType(wireType, WireType.LengthDelimited, 'secret');
        entry.secret = boundedBytes(reader, OTP_LIMITS.secretBytes.max, secretTooLong);
        break;
      case 2:
        expectWireType(wireType, WireType.LengthDelimited, 'name');
        entry.name = new TextDecoder().decode(boundedBytes(reader, MAX_NAME_BYTES, nameTooLong('account')));
        break;
      case 3:
        expectWireType(wireType, WireType.LengthDelimited, 'issuer');
        entry.issuer = new TextDecoder().decode(boundedBytes(reader, MAX_NAME_BYTES, nameTooLong('issuer')));
        break;
      case 4:
        expectWireType(wireType, WireType.Varint, 'algorithm');
        entry.algorithm = reader.int32();
        break;
      case 5:
        expectWireType(wireType, WireType.Varint, 'digits');
        entry.digits = reader.int32();
        break;
      case 6:
        expectWireType(wireType, WireType.Varint, 'type');
        entry.type = reader.int32();
        break;
      case 7:
        expectWireType(wireType, WireType.Varint, 'counter');
        entry.counter = BigInt(reader.int64());
        break;
      default:
        reader.skip(wireType, field);
    }
  }
  return entry;
}

/** Decodes the protobuf payload. Throws a document error (../otp-errors.ts) when it is damaged. */
export function decodeMigrationPayload(bytes: Uint8Array): { entries: Uint8Array[]; batch: MigrationBatch } {
  const reader = new BinaryReader(bytes);
  const entries: Uint8Array[] = [];
  const batch: MigrationBatch = { version: 0, batchSize: 1, batchIndex: 0, batchId: 0 };
  try {
    while (reader.pos < reader.len) {
      const [field, wireType] = reader.tag();
      switch (field) {
        case 1:
          expectWireType(wireType, WireType.LengthDelimited, 'otp_parameters');
          if (entries.length >= IMPORT_LIMITS.entries) {
            throw limitError('import-too-many-entries', `The Google Authenticator export holds more than ${IMPORT_LIMITS.entries} accounts.`);
          }
          entries.push(reader.bytes());
          break;
        case 2:
          expectWireType(wireType, WireType.Varint, 'version');
          batch.version = reader.int32();
          break;
        case 3:
          expectWireType(wireType, WireType.Varint, 'batch_size');
          batch.batchSize = reader.int32();
          break;
        case 4:
          expectWireType(wireType, WireType.Varint, 'batch_index');
          batch.batchIndex = reader.int32();
          break;
        case 5:
          expectWireType(wireType, WireType.Varint, 'batch_id');
          batch.batchId = reader.int32();
          break;
        default:
          reader.skip(wireType, field);
      }
    }
  } catch (error) {
    // A limit passed, or a field of the wrong type, says so itself.
    if (isOtpError(error)) throw error;
    // BinaryReader throws on truncation ("premature EOF") and on invalid tags/varints.
    throw documentError('migration-unreadable', 'The Google Authenticator export data is damaged (truncated or not a Google Authenticator export).');
  }
  return { entries, batch };
}

function entryToAccount(p: OtpParameters): OtpAccount {
  const type = TYPES[p.type];
  if (type === undefined) {
    throw otpParameterError('type', `Unsupported OTP type (code ${p.type}).`);
  }
  const algorithm = ALGORITHMS[p.algorithm];
  if (algorithm === undefined) {
    const what = p.algorithm === 4 ? 'MD5' : `code ${p.algorithm}`;
    throw otpParameterError('algorithm', `Unsupported algorithm (${what}).`);
  }
  const digits = DIGITS[p.digits];
  if (digits === undefined) {
    throw otpParameterError('digits', `Unsupported digit count (code ${p.digits}).`);
  }
  if (type === 'hotp' && (p.counter > BigInt(OTP_LIMITS.counter.max) || p.counter < BigInt(OTP_LIMITS.counter.min))) {
    throw otpParameterError('counter', 'The HOTP counter is out of range (0 to 2^48-1).', 'otp-counter-out-of-range');
  }
  if (p.secret.length === 0) {
    throw otpParameterError('secret', 'The entry has no secret.');
  }
  // Exports from some versions put "Issuer:account" in name; split it like an otpauth label.
  const { issuer, account } = splitIssuerLabel(p.name, p.issuer.trim());
  return createOtpAccount({
    type,
    issuer,
    account,
    secret: encodeBase32(p.secret),
    algorithm,
    digits,
    counter: type === 'hotp' ? Number(p.counter) : 0,
  });
}

/** A batch size and index a real export can have (0-based index below the size). */
export function batchInRange(b: MigrationBatch): boolean {
  return Number.isSafeInteger(b.batchSize) && b.batchSize >= 1 && b.batchSize <= IMPORT_LIMITS.migrationBatchSize &&
    Number.isSafeInteger(b.batchIndex) && b.batchIndex >= 0 && b.batchIndex < b.batchSize;
}

/** Decodes the base64 `data` value of a migration URI (standard alphabet, padding optional). */
function decodeData(value: string): Uint8Array {
  // A '+' turned into a space by a form decoder somewhere along the way is put back.
  const compact = value.replace(/ /g, '+').replace(/[\r\n\t]/g, '');
  const padded = compact.replace(/=+$/, '');
  try {
    return base64.decode(padded + '='.repeat((4 - (padded.length % 4)) % 4));
  } catch {
    throw documentError('migration-unreadable', 'The "data" of the Google Authenticator export is not valid base64.');
  }
}

/**
 * Imports one `otpauth-migration://offline?data=…` URI (one QR code of a Google Authenticator
 * export). Throws a document error (../otp-errors.ts) when the URI or its payload cannot be read at all.
 */
export function importGoogleMigrationUri(uri: string): GoogleMigrationResult {
  if (uri.length > IMPORT_LIMITS.lineChars) {
    throw limitError('import-line-too-long', `The export link has ${uri.length} characters; at most ${IMPORT_LIMITS.lineChars} are accepted.`);
  }
  const text = uri.trim();
  const match = /^otpauth-migration:\/\/offline\?(.*)$/is.exec(text);
  if (!match) {
    throw documentError('migration-unreadable', 'Not a Google Authenticator export: expected otpauth-migration://offline?data=…');
  }
  let data: string | undefined;
  for (const part of (match[1] ?? '').split('&')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq).toLowerCase() === 'data') {
      // Two payloads in one link: which one a reader takes is arbitrary (the same rule as an
      // otpauth:// URI's repeated parameter), so neither is.
      if (data !== undefined) throw documentError('migration-unreadable', 'The Google Authenticator export has more than one "data" parameter.');
      try {
        data = decodeURIComponent(part.slice(eq + 1));
      } catch {
        throw documentError('migration-unreadable', 'The "data" of the Google Authenticator export has an invalid percent-encoding.');
      }
    }
  }
  if (data === undefined || data.trim() === '') {
    throw documentError('migration-unreadable', 'The Google Authenticator export has no "data" parameter.');
  }
  const decoded = decodeMigrationPayload(decodeData(data));
  const { entries } = decoded;

  const accounts: OtpAccount[] = [];
  const problems: ImportProblem[] = [];
  let batch = decoded.batch;
  if (!batchInRange(batch)) {
    problems.push({
      code: 'migration-batch-out-of-range',
      message: `The export says it is QR code ${batch.batchIndex + 1} of ${batch.batchSize}; at most ${IMPORT_LIMITS.migrationBatchSize} codes are accepted, so the count was ignored.`,
    });
    batch = { ...batch, batchSize: 1, batchIndex: 0 };
  }
  entries.forEach((bytes, index) => {
    let params: OtpParameters | undefined;
    try {
      params = readOtpParameters(bytes);
      accounts.push(entryToAccount(params));
    } catch (error) {
      const label = params ? describeEntry(params.issuer, params.name) : undefined;
      const message =
        isParameterError(error) ? error.message : 'The entry is damaged and could not be read.';
      const code = isParameterError(error) ? problemCodeOf(error)! : 'entry-damaged';
      problems.push({ entry: index + 1, ...(label ? { label } : {}), code, message });
    }
  });
  if (entries.length === 0) {
    problems.push({ code: 'no-accounts', message: 'The Google Authenticator export contains no accounts.' });
  }
  return { accounts, problems, batch, entries: entries.length };
}
