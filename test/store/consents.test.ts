import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCoveringConsent } from '../../src/core/consent.js';
import { CONSENT_METHODS, REVOCATION_METHODS } from '../../src/core/consent-evidence.js';
import { migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { deriveConsent, insertConsentEvent, selectConsentEvents, type ConsentEventRow } from '../../src/store/consents.js';
import { ensureContact } from '../../src/store/contacts.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from '../services/fake-provider.js';
import { makeDeps, seedAccount } from '../services/helpers.js';

const ev = (id: number, kind: ConsentEventRow['kind'], at: string, extra: Partial<ConsentEventRow> = {}): ConsentEventRow => ({
  id: String(id), phone: '+12125550123', kind, channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true,
  occurredAt: new Date(at), recordedAt: new Date(at), evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true }, ...extra,
});

describe('deriveConsent', () => {
  it.each([
    ['a grant covers', [ev(1, 'granted', '2026-01-01')], 'covered'],
    ['a revocation closes earlier grants', [ev(1, 'granted', '2026-01-01'), ev(2, 'revoked', '2026-02-01')], 'revoked'],
    ['a later grant covers again', [ev(1, 'granted', '2026-01-01'), ev(2, 'revoked', '2026-02-01'), ev(3, 'granted', '2026-02-02')], 'covered'],
    ['a re-confirmation is a grant', [ev(1, 'revoked', '2026-01-01'), ev(2, 'reconfirmed', '2026-02-01')], 'covered'],
    ['an email revocation leaves SMS alone', [ev(1, 'granted', '2026-01-01'), ev(2, 'revoked', '2026-02-01', { channel: 'email' })], 'covered'],
    ['order comes from the ledger (recording order), not the claimed date', [ev(2, 'revoked', '2026-02-01'), ev(1, 'granted', '2026-01-01')], 'revoked'],
    ['a lone revocation (a STOP with no consent on file) revokes every purpose', [ev(1, 'revoked', '2026-01-01')], 'revoked'],
    ['STOP then START in the same instant: the later ledger row wins', [ev(1, 'granted', '2026-01-01'), ev(2, 'revoked', '2026-02-01'), ev(3, 'granted', '2026-02-01')], 'covered'],
    ['START then STOP in the same instant: revoked', [ev(1, 'granted', '2026-02-01'), ev(2, 'revoked', '2026-02-01')], 'revoked'],
  ])('%s', (_label, events, kind) => {
    expect(findCoveringConsent(deriveConsent(events), 'marketing', new Date('2026-03-01')).kind).toBe(kind);
  });

  it('carries what a revocation named into the records it closes, and nothing for one that named every purpose', () => {
    const all = ['marketing', 'informational', 'transactional'] as const;
    const grant = ev(1, 'granted', '2026-01-01', { purposes: [...all] });
    const narrow = deriveConsent([grant, ev(2, 'revoked', '2026-02-01', { purposes: ['marketing'] })]);
    expect(narrow).toEqual([expect.objectContaining({ id: '1', revokedAt: '2026-02-01T00:00:00.000Z', revokedPurposes: ['marketing'] })]);
    const at = new Date('2026-03-01');
    expect(findCoveringConsent(narrow, 'informational', at).kind).toBe('revoked');
    expect(findCoveringConsent(narrow, 'informational', at, { revocationScope: 'named_purposes' }).kind).toBe('covered');
    const full = deriveConsent([grant, ev(2, 'revoked', '2026-02-01', { purposes: [...all] })]);
    expect(full[0]).not.toHaveProperty('revokedPurposes');
    expect(findCoveringConsent(full, 'informational', at, { revocationScope: 'named_purposes' }).kind).toBe('revoked');
  });

  it('a grant dated ahead is closed by a STOP recorded after it, also once its claimed date has passed', () => {
    const events = [ev(1, 'granted', '2026-03-01T00:00:00Z'), ev(2, 'granted', '2026-03-01T00:01:00Z'), ev(3, 'revoked', '2026-03-01T00:00:30Z')];
    for (const at of ['2026-03-01T00:00:40Z', '2026-03-01T00:02:00Z', '2026-06-01T00:00:00Z']) {
      expect(findCoveringConsent(deriveConsent(events), 'marketing', new Date(at)).kind).toBe('revoked');
    }
  });

  it('a grant recorded after a STOP covers again even when it claims an earlier date', () => {
    const events = [ev(1, 'granted', '2026-01-01'), ev(2, 'revoked', '2026-02-01'), ev(3, 'granted', '2026-01-15')];
    expect(findCoveringConsent(deriveConsent(events), 'marketing', new Date('2026-03-01')).kind).toBe('covered');
  });

  it('carries ledger ids into the records', () => {
    const records = deriveConsent([ev(7, 'granted', '2026-01-01'), ev(9, 'revoked', '2026-02-01')]);
    expect(records).toEqual([expect.objectContaining({ id: '7', revokedAt: '2026-02-01T00:00:00.000Z' })]);
  });
});

describe(`consent ledger repository (${testDbKind})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.close();
  });

  it('appends events with evidence and reads them back in order', async () => {
    const deps = makeDeps(t.db, new FakeProvider());
    const { account } = await seedAccount(deps);
    const now = new Date('2026-03-10T17:00:00Z');
    await ensureContact(t.db, account.accountId, '+12125550123', now);
    const g = await insertConsentEvent(t.db, account.accountId, '+12125550123', {
      kind: 'granted', channel: 'sms', purposes: ['informational'], method: 'web_form', written: true,
      occurredAt: new Date('2026-03-01T00:00:00Z'), recordedAt: now, evidence: { ip: '203.0.113.7', formHash: 'sha256:abc' },
    });
    await insertConsentEvent(t.db, account.accountId, '+12125550123', {
      kind: 'revoked', channel: 'sms', purposes: ['informational'], method: 'keyword', written: false, occurredAt: now, recordedAt: now, evidence: { body: 'STOP' },
    });
    const events = await selectConsentEvents(t.db, account.accountId, '+12125550123');
    expect(events.map((e) => [e.id, e.kind])).toEqual([[g.id, 'granted'], [expect.any(String), 'revoked']]);
    expect(events[0]!.evidence).toEqual({ ip: '203.0.113.7', formHash: 'sha256:abc' });
    await expect(t.db.query('delete from consent_events where account_id = $1', [account.accountId])).rejects.toThrow(/append-only/);
  });
});

describe(`consent methods before and after migration 13 (${testDbKind})`, () => {
  const PHONE = '+12125550188';
  const at = new Date('2025-06-01T12:00:00Z');
  const event = (kind: 'granted' | 'revoked', method: string) => ({
    kind, channel: 'sms' as const, purposes: ['marketing' as const], method, written: kind === 'granted',
    occurredAt: at, recordedAt: at, evidence: { documentRef: 'listing-lead-77' },
  });

  it('keeps and reads legacy free-text methods, and refuses new ones outside the lists', async () => {
    const old = await createTestDb(MIGRATIONS.filter((m) => m.id < 13));
    try {
      const deps = makeDeps(old.db, new FakeProvider());
      const { account } = await seedAccount(deps);
      await ensureContact(old.db, account.accountId, PHONE, at);
      const legacy = await insertConsentEvent(old.db, account.accountId, PHONE, event('granted', 'zillow'));

      expect(await migrate(old.db)).toEqual(MIGRATIONS.filter((m) => m.id >= 13).map((m) => m.id));
      const events = await selectConsentEvents(old.db, account.accountId, PHONE);
      expect(events.map((e) => [e.id, e.method])).toEqual([[legacy.id, 'zillow']]);
      // read as it is: a legacy grant with a signature reference still covers marketing
      expect(findCoveringConsent(deriveConsent(events), 'marketing', new Date('2026-01-01T00:00:00Z')).kind).toBe('covered');

      await expect(insertConsentEvent(old.db, account.accountId, PHONE, event('granted', 'zillow'))).rejects.toThrow(/consent_events_method_check/);
      await expect(insertConsentEvent(old.db, account.accountId, PHONE, event('granted', 'reply_phrase'))).rejects.toThrow(/consent_events_method_check/);
      await expect(insertConsentEvent(old.db, account.accountId, PHONE, event('revoked', 'double_opt_in'))).rejects.toThrow(/consent_events_method_check/);
      for (const m of CONSENT_METHODS) await insertConsentEvent(old.db, account.accountId, PHONE, event('granted', m));
      for (const m of REVOCATION_METHODS) await insertConsentEvent(old.db, account.accountId, PHONE, event('revoked', m));
      expect(await selectConsentEvents(old.db, account.accountId, PHONE)).toHaveLength(1 + CONSENT_METHODS.length + REVOCATION_METHODS.length);
    } finally {
      await old.close();
    }
  });
});
