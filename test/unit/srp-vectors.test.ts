/**
 * Every case of every *.json under test/vectors/, checked by kind. Adding a vector file adds
 * cases; a case of a kind this file does not know fails rather than being skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '@noble/hashes/utils.js';
import { ephemeralFromSecret } from '../../src/cognito/srp/ephemeral';
import { passwordClaimSignature } from '../../src/cognito/srp/password-claim';
import { deviceVerifier } from '../../src/cognito/srp/device-verifier';
import { secretHash } from '../../src/cognito/secret-hash';
import { cognitoTimestamp } from '../../src/cognito/timestamp';

interface VectorCase {
  name: string;
  kind: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

const str = (o: Record<string, unknown>, key: string): string => {
  const v = o[key];
  if (typeof v !== 'string') throw new Error(`field ${key} must be a string`);
  return v;
};

function runCase(c: VectorCase): void {
  const { input, expect: want } = c;
  switch (c.kind) {
    case 'password-claim': {
      const ephemeral = ephemeralFromSecret(BigInt('0x' + str(input, 'aHex')));
      if (want['srpA'] !== undefined) expect(ephemeral.srpA).toBe(str(want, 'srpA'));
      const signature = passwordClaimSignature({
        poolName: str(input, 'poolName'),
        userId: str(input, 'userId'),
        password: str(input, 'password'),
        ephemeral,
        srpB: str(input, 'srpB'),
        saltHex: str(input, 'saltHex'),
        secretBlock: str(input, 'secretBlock'),
        timestamp: str(input, 'timestamp'),
      });
      expect(signature).toBe(str(want, 'signature'));
      return;
    }
    case 'secret-hash':
      expect(secretHash(str(input, 'username'), str(input, 'clientId'), str(input, 'clientSecret'))).toBe(
        str(want, 'secretHash'),
      );
      return;
    case 'device-verifier':
      expect(
        deviceVerifier(
          str(input, 'deviceGroupKey'),
          str(input, 'deviceKey'),
          str(input, 'devicePassword'),
          hexToBytes(str(input, 'saltHex')),
        ),
      ).toEqual({ salt: str(want, 'salt'), passwordVerifier: str(want, 'passwordVerifier') });
      return;
    case 'timestamp': {
      const epochMs = input['epochMs'];
      if (typeof epochMs !== 'number') throw new Error('field epochMs must be a number');
      expect(cognitoTimestamp(epochMs)).toBe(str(want, 'timestamp'));
      return;
    }
    default:
      throw new Error(`unknown vector kind "${c.kind}"`);
  }
}

describe('SRP known-answer vectors', () => {
  it('finds the vector files', () => {
    expect(files).toContain('srp-published.json');
    expect(files).toContain('oracle-generated.json');
  });

  for (const file of files) {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { description: unknown; cases: VectorCase[] };
    describe(file, () => {
      it('has a description and cases', () => {
        expect(typeof parsed.description).toBe('string');
        expect(parsed.cases.length).toBeGreaterThan(0);
      });
      for (const c of parsed.cases) it(`${c.kind}: ${c.name}`, () => runCase(c));
    });
  }
});
