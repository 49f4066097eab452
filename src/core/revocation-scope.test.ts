import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ConsentRecord, findCoveringConsent } from './consent.js';
import { REVOCATION_SCOPES, REVOKE_ALL_FROM, revokedPurposes, type RevocationScope } from './revocation-scope.js';
import { PURPOSES, type Purpose } from './types.js';

const BEFORE = new Date('2026-12-07T15:00:00Z');
const AFTER = new Date('2027-02-01T15:00:00Z');
const EVIDENCE = { formUrl: 'https://acme.example/join', formTextSha256: 'ab12', checkbox: true };
const grant = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  channel: 'sms', purposes: ['marketing', 'informational', 'transactional'], method: 'web_form', written: true,
  grantedAt: '2026-01-10T12:00:00Z', evidence: EVIDENCE, ...over,
});
/** A grant closed by a revocation on 2026-06-01 that named `named` (undefined: named none). */
const closed = (named: readonly Purpose[] | undefined) => grant({ revokedAt: '2026-06-01T00:00:00Z', ...(named === undefined ? {} : { revokedPurposes: named }) });

describe('revokedPurposes', () => {
  it.each<[string, readonly Purpose[] | undefined, RevocationScope, Date, readonly Purpose[]]>([
    ['default scope: all, whatever was named', ['informational'], 'all', BEFORE, PURPOSES],
    ['named purposes before the revoke-all date', ['informational'], 'named_purposes', BEFORE, ['marketing', 'informational']],
    ['marketing is always stopped', ['transactional'], 'named_purposes', BEFORE, ['marketing', 'transactional']],
    ['a revocation naming nothing stops all', undefined, 'named_purposes', BEFORE, PURPOSES],
    ['from the revoke-all date the switch no longer narrows', ['marketing'], 'named_purposes', AFTER, PURPOSES],
    ['the instant of the revoke-all date', ['marketing'], 'named_purposes', REVOKE_ALL_FROM, PURPOSES],
    ['a millisecond before it', ['marketing'], 'named_purposes', new Date(REVOKE_ALL_FROM.getTime() - 1), ['marketing']],
  ])('%s', (_name, named, scope, now, expected) => {
    expect(revokedPurposes(named, scope, now)).toEqual(expected);
  });

  it('is dated 2027-01-31 in the first US time zone (Guam, UTC+10)', () => {
    expect(REVOKE_ALL_FROM.toISOString()).toBe('2027-01-30T14:00:00.000Z');
  });
});

describe('findCoveringConsent with a revocation that named purposes', () => {
  it.each<[string, ConsentRecord[], Purpose, RevocationScope, Date, string]>([
    ['a STOP to marketing stops informational by default', [closed(['marketing'])], 'informational', 'all', BEFORE, 'revoked'],
    ['with named_purposes it leaves informational covered', [closed(['marketing'])], 'informational', 'named_purposes', BEFORE, 'covered'],
    ['with named_purposes it still stops marketing', [closed(['marketing'])], 'marketing', 'named_purposes', BEFORE, 'revoked'],
    ['a revocation naming informational also stops marketing', [closed(['informational'])], 'marketing', 'named_purposes', BEFORE, 'revoked'],
    ['and leaves transactional covered', [closed(['informational'])], 'transactional', 'named_purposes', BEFORE, 'covered'],
    ['from 2027-01-31 the narrow revocation stops everything', [closed(['marketing'])], 'informational', 'named_purposes', AFTER, 'revoked'],
    [
      'a later full STOP stops what an earlier narrow one left',
      [closed(['marketing']), grant({ purposes: ['transactional'], grantedAt: '2026-07-01T00:00:00Z', revokedAt: '2026-08-01T00:00:00Z' })],
      'informational', 'named_purposes', BEFORE, 'revoked',
    ],
  ])('%s', (_name, records, purpose, scope, now, kind) => {
    expect(findCoveringConsent(records, purpose, now, { revocationScope: scope }).kind).toBe(kind);
  });

  it('a revocation recorded after every grant always blocks marketing, whatever the switch and date (property)', () => {
    const date = (min: string, max: string) => fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });
    const record = fc.record({
      purposes: fc.subarray([...PURPOSES], { minLength: 1 }),
      written: fc.boolean(),
      grantedAt: date('2024-01-01', '2026-05-31'),
      revokedAt: fc.option(date('2024-01-01', '2026-05-31'), { nil: undefined }),
      revokedPurposes: fc.option(fc.subarray([...PURPOSES], { minLength: 1 }), { nil: undefined }),
    }).map((r): ConsentRecord => ({ ...r, channel: 'sms', method: 'web_form', evidence: EVIDENCE }));
    const revocation = fc.record({
      at: date('2026-06-01', '2026-06-30'),
      named: fc.option(fc.subarray([...PURPOSES], { minLength: 1 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), revocation, fc.constantFrom(...REVOCATION_SCOPES), date('2026-07-01', '2040-01-01'), (grants, stop, scope, now) => {
        const lone: ConsentRecord = {
          channel: 'sms', purposes: [...PURPOSES], method: 'keyword', written: false, grantedAt: stop.at, revokedAt: stop.at,
          ...(stop.named === undefined ? {} : { revokedPurposes: stop.named }),
        };
        const check = findCoveringConsent([...grants, lone], 'marketing', now, { revocationScope: scope });
        expect(check.kind).not.toBe('covered');
      }),
    );
  });
});
