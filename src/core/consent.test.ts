import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ConsentRecord, findCoveringConsent } from './consent.js';
import { PURPOSES, type Purpose } from './types.js';

const now = new Date('2026-06-01T15:00:00Z');
const sms = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  channel: 'sms',
  purposes: ['marketing'],
  method: 'web_form',
  written: true,
  grantedAt: '2026-01-10T12:00:00Z',
  ...over,
});

describe('findCoveringConsent', () => {
  it.each<[string, ConsentRecord[], Purpose, string]>([
    ['no records', [], 'marketing', 'missing'],
    ['written SMS marketing covers marketing', [sms()], 'marketing', 'covered'],
    ['marketing covers informational', [sms()], 'informational', 'covered'],
    ['marketing covers transactional', [sms()], 'transactional', 'covered'],
    ['informational does not cover marketing', [sms({ purposes: ['informational'] })], 'marketing', 'missing'],
    ['informational does not cover transactional', [sms({ purposes: ['informational'] })], 'transactional', 'missing'],
    ['transactional covers transactional', [sms({ purposes: ['transactional'], written: false })], 'transactional', 'covered'],
    ['unwritten consent for marketing', [sms({ written: false })], 'marketing', 'not_written'],
    ['unwritten consent is enough for informational', [sms({ written: false, purposes: ['informational'] })], 'informational', 'covered'],
    ['email consent never covers SMS', [sms({ channel: 'email' })], 'marketing', 'wrong_channel'],
    ['voice consent never covers SMS', [sms({ channel: 'voice', purposes: ['informational'] })], 'informational', 'wrong_channel'],
    ['revoked', [sms({ revokedAt: '2026-03-01T00:00:00Z' })], 'marketing', 'revoked'],
    ['revocation in the future does not count yet', [sms({ revokedAt: '2026-07-01T00:00:00Z' })], 'marketing', 'covered'],
    ['grant in the future does not count yet', [sms({ grantedAt: '2026-07-01T00:00:00Z' })], 'marketing', 'missing'],
    ['invalid grant date never grants', [sms({ grantedAt: 'yesterday' })], 'marketing', 'missing'],
    [
      'a STOP on one purpose cancels earlier grants of other purposes',
      [sms({ purposes: ['informational'] }), sms({ purposes: ['transactional'], grantedAt: '2025-12-01T00:00:00Z', revokedAt: '2026-02-01T00:00:00Z' })],
      'informational',
      'revoked',
    ],
    ['a fresh grant after the revocation covers', [sms({ revokedAt: '2026-02-01T00:00:00Z' }), sms({ grantedAt: '2026-04-01T00:00:00Z' })], 'marketing', 'covered'],
    ['revoked outranks not written', [sms({ written: false, grantedAt: '2026-01-01T00:00:00Z' }), sms({ revokedAt: '2026-02-01T00:00:00Z' })], 'marketing', 'revoked'],
    ['not written outranks wrong channel', [sms({ channel: 'email' }), sms({ written: false })], 'marketing', 'not_written'],
  ])('%s', (_name, records, purpose, kind) => {
    expect(findCoveringConsent(records, purpose, now).kind).toBe(kind);
  });

  it('relies on the most recent covering grant', () => {
    const records = [sms({ id: 'old', grantedAt: '2025-01-01T00:00:00Z' }), sms({ id: 'new', grantedAt: '2026-02-01T00:00:00Z' })];
    const check = findCoveringConsent(records, 'marketing', now);
    expect(check.kind === 'covered' && check.record.id).toBe('new');
  });

  it.each([
    ['2024-12-02T15:00:00Z', false],
    ['2024-12-01T15:00:00Z', true],
    ['2023-01-01T00:00:00Z', true],
  ])('consent granted %s is due for re-check: %s (18 months)', (grantedAt, due) => {
    const check = findCoveringConsent([sms({ grantedAt })], 'marketing', now);
    expect(check.kind === 'covered' && check.recheckDue).toBe(due);
  });

  it('never covers a text after the latest SMS revocation unless granted later (property)', () => {
    const record = fc.record({
      channel: fc.constantFrom('sms' as const, 'email' as const, 'voice' as const),
      purposes: fc.subarray([...PURPOSES], { minLength: 1 }),
      method: fc.constant('web_form'),
      written: fc.boolean(),
      grantedAt: fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
      revokedAt: fc.option(fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), fc.constantFrom(...PURPOSES), (records, purpose) => {
        const check = findCoveringConsent(records, purpose, now);
        if (check.kind !== 'covered') return;
        const r = check.record;
        const granted = new Date(r.grantedAt).getTime();
        expect(r.channel).toBe('sms');
        expect(granted).toBeLessThanOrEqual(now.getTime());
        if (purpose === 'marketing') expect(r.written).toBe(true);
        expect(r.purposes.includes(purpose) || r.purposes.includes('marketing')).toBe(true);
        for (const other of records) {
          if (other.channel === 'sms' && other.revokedAt !== undefined && new Date(other.revokedAt) <= now) {
            expect(granted).toBeGreaterThan(new Date(other.revokedAt).getTime());
          }
        }
      }),
    );
  });
});
