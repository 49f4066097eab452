import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ConsentRecord, findCoveringConsent } from './consent.js';
import { missingEvidence } from './consent-evidence.js';
import { PURPOSES, type Purpose } from './types.js';

const now = new Date('2026-06-01T15:00:00Z');
const sms = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  channel: 'sms',
  purposes: ['marketing'],
  method: 'web_form',
  written: true,
  grantedAt: '2026-01-10T12:00:00Z',
  evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12', checkbox: true },
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
    ['written marketing without evidence is recorded but does not cover marketing', [sms({ evidence: {} })], 'marketing', 'evidence_missing'],
    ['written marketing without evidence still covers informational', [sms({ evidence: {} })], 'informational', 'covered'],
    ['evidence missing outranks not written', [sms({ written: false }), sms({ evidence: undefined })], 'marketing', 'evidence_missing'],
    ['revoked outranks evidence missing', [sms({ evidence: {}, grantedAt: '2026-01-01T00:00:00Z' }), sms({ revokedAt: '2026-02-01T00:00:00Z' })], 'marketing', 'revoked'],
    ['an unticked checkbox is no evidence', [sms({ evidence: { formUrl: 'https://a.example', formText: 'I agree', checkbox: false } })], 'marketing', 'evidence_missing'],
    ['a keyword grant with its reply message id covers', [sms({ method: 'keyword', evidence: { inboundMessageId: 'in_1' } })], 'marketing', 'covered'],
    ['a double opt-in with the provider sid covers', [sms({ method: 'double_opt_in', evidence: { providerMessageId: 'SM1' } })], 'marketing', 'covered'],
    ['a paper form needs the signed document', [sms({ method: 'paper_form', evidence: { note: 'signed' } })], 'marketing', 'evidence_missing'],
    ['a paper form with its document reference covers', [sms({ method: 'paper_form', evidence: { documentRef: 'scan-0042.pdf' } })], 'marketing', 'covered'],
    ['a verbal grant with its recording covers', [sms({ method: 'verbal', evidence: { recordingRef: 'rec-9' } })], 'marketing', 'covered'],
    ['an import needs its source and source record', [sms({ method: 'import', evidence: { source: 'crm' } })], 'marketing', 'evidence_missing'],
    ['a legacy free-text method is read as is and covers with a signature reference', [sms({ method: 'zillow', evidence: { documentRef: 'z-1' } })], 'marketing', 'covered'],
    ['a legacy free-text method without any signature reference', [sms({ method: 'zillow', evidence: { ip: '203.0.113.9' } })], 'marketing', 'evidence_missing'],
    ['not written outranks wrong channel', [sms({ channel: 'email' }), sms({ written: false })], 'marketing', 'not_written'],
  ])('%s', (_name, records, purpose, kind) => {
    expect(findCoveringConsent(records, purpose, now).kind).toBe(kind);
  });

  it.each<[string, Record<string, unknown> | undefined, string[]]>([
    ['web_form', {}, ['formUrl (or url)', 'formTextSha256 (or formText, formTextHash)', 'checkbox: true']],
    ['web_form', { url: 'https://a.example', formText: ' ', checkbox: true }, ['formTextSha256 (or formText, formTextHash)']],
    ['keyword', undefined, ['inboundMessageId (or providerMessageId)']],
    ['verbal', { recording: 'https://rec.example/1' }, []],
    ['import', {}, ['source', 'sourceRef']],
    ['api', { sourceRef: 'crm:991' }, []],
  ])('a %s grant with %j lacks %j', (method, evidence, missing) => {
    expect(missingEvidence(method, evidence)).toEqual(missing);
  });

  // Virginia: a STOP is honoured for at least ten years (docs/consent.md); nothing ages a revocation out.
  it.each([
    ['9 years', new Date('2026-03-01T00:00:00Z')],
    ['10 years and a day', new Date('2027-03-02T00:00:00Z')],
    ['40 years', new Date('2057-03-01T00:00:00Z')],
  ])('a STOP %s old still blocks every purpose', (_age, at) => {
    const records = [sms({ purposes: ['marketing'], grantedAt: '2016-05-01T00:00:00Z', revokedAt: '2017-03-01T00:00:00Z' })];
    for (const purpose of PURPOSES) expect(findCoveringConsent(records, purpose, at).kind).toBe('revoked');
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
      evidence: fc.constantFrom({}, { formUrl: 'https://a.example', formText: 'I agree', checkbox: true }),
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
        if (purpose === 'marketing') expect(r.written && missingEvidence(r.method, r.evidence)).toEqual([]);
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
