/**
 * The dashboard figures against hand-computed fixtures (docs/figures.md), on PGlite and PostgreSQL.
 * Every figure is checked three ways: read live (no rollup), after a rollup that stops before `now`
 * (rollup + live tail), and after a rollup that reaches past `now` (a window in the past).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFingerprint, simhashToBigintString } from '../../src/core/fingerprint.js';
import { getMetrics, rollupOnce, type MetricsQuery, type MetricsView } from '../../src/services/monitoring/metrics.js';
import type { Db } from '../../src/store/db.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const NOW = new Date('2026-03-10T16:30:00Z');
const N1 = '+12125550100';
const N2 = '+12125550101';
const R = (i: number) => `+1646555${String(1000 + i)}`;

let seq = 0;

async function account(db: Db, id: string, settings: Record<string, unknown> = {}): Promise<void> {
  await db.query(
    `insert into accounts (account_id, sid, name, brand_name, settings, created_at) values ($1, $2, $1, 'Brand', $3, '2026-01-01T00:00:00Z')`,
    [id, `AC${id.padEnd(32, '0').replace(/[^0-9a-f]/g, 'a').slice(0, 32)}`, JSON.stringify(settings)],
  );
}

async function number(db: Db, accountId: string, phone: string, limitPerMinute: number | null): Promise<void> {
  await db.query(
    `insert into numbers (account_id, phone, registered, limit_per_minute, created_at, updated_at) values ($1, $2, true, $3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    [accountId, phone, limitPerMinute],
  );
}

interface Msg {
  from: string | null; to: string; purpose: 'marketing' | 'informational' | 'transactional'; segments?: number; body?: string;
  verdict?: 'allow' | 'block' | 'defer'; reasons?: string[]; createdAt: string;
  /** [status, at] transitions after acceptance */
  events?: [string, string][]; errorCode?: string;
}

async function message(db: Db, accountId: string, m: Msg): Promise<void> {
  const id = `SM${String(++seq).padStart(32, '0')}`;
  const body = m.body ?? 'Acme: your showing is confirmed. Reply STOP to opt out';
  const fp = contentFingerprint(body);
  const last = m.events?.at(-1)?.[0] ?? (m.verdict === 'block' ? 'blocked' : m.verdict === 'defer' ? 'scheduled' : 'queued');
  await db.query(
    `insert into messages (account_id, id, to_phone, from_phone, body, purpose, status, verdict, segments, created_at, updated_at,
       reason_codes, error_code, content_key, content_simhash, content_bands)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14::bigint, $15::integer[])`,
    [accountId, id, m.to, m.from, body, m.purpose, last, m.verdict ?? 'allow', m.segments ?? 1, m.createdAt, m.reasons ?? [], m.errorCode ?? null,
      fp.key, simhashToBigintString(fp.simhash), fp.bands.map(String)],
  );
  for (const [status, at] of m.events ?? []) {
    await db.query('insert into message_events (account_id, message_id, status, at) values ($1, $2, $3, $4)', [accountId, id, status, at]);
  }
}

async function inbound(db: Db, accountId: string, from: string, to: string, kind: string, keyword: string | null, at: string): Promise<void> {
  const id = `IM${String(++seq).padStart(32, '0')}`;
  await db.query(
    `insert into inbound_messages (account_id, id, provider, provider_message_id, from_phone, to_phone, body, kind, keyword, received_at)
     values ($1, $2, 'simulator', $2, $3, $4, 'x', $5, $6, $7)`,
    [accountId, id, from, to, kind, keyword, at],
  );
}

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  await account(db, 'acct-a', { metrics: { outboundInboundRatio: 1, pricePerSegmentUsd: 0.01 } });
  await account(db, 'acct-b');
  await account(db, 'acct-c');
  await number(db, 'acct-a', N1, 2);
  await number(db, 'acct-a', N2, null);
  const A = 'acct-a';
  // m1..m3: three sends from N1 in one minute
  await message(db, A, { from: N1, to: R(1), purpose: 'marketing', segments: 2, createdAt: '2026-03-10T10:00:00Z', events: [['sent', '2026-03-10T10:00:05Z'], ['delivered', '2026-03-10T10:01:00Z']] });
  await message(db, A, { from: N1, to: R(2), purpose: 'marketing', createdAt: '2026-03-10T10:00:00Z', errorCode: '30007', events: [['sent', '2026-03-10T10:00:10Z'], ['undelivered', '2026-03-10T10:02:00Z']] });
  await message(db, A, { from: N1, to: R(3), purpose: 'informational', createdAt: '2026-03-10T10:00:00Z', errorCode: '30003', events: [['sent', '2026-03-10T10:00:20Z'], ['failed', '2026-03-10T10:03:00Z']] });
  // m4: N2 yesterday evening; m5 rejected by the provider at send (no sent event)
  await message(db, A, { from: N2, to: R(1), purpose: 'transactional', segments: 3, createdAt: '2026-03-09T20:00:00Z', events: [['sent', '2026-03-09T20:00:00Z'], ['delivered', '2026-03-09T20:01:00Z']] });
  await message(db, A, { from: N2, to: R(4), purpose: 'marketing', createdAt: '2026-03-09T21:00:00Z', errorCode: '30034', events: [['failed', '2026-03-09T21:00:00Z']] });
  // m6..m8: prevented
  await message(db, A, { from: N1, to: R(5), purpose: 'marketing', verdict: 'block', reasons: ['content.phishing', 'consent.missing'], createdAt: '2026-03-10T11:00:00Z' });
  await message(db, A, { from: N2, to: R(6), purpose: 'marketing', verdict: 'defer', reasons: ['quiet_hours'], createdAt: '2026-03-10T12:00:00Z' });
  await message(db, A, { from: N2, to: R(6), purpose: 'informational', verdict: 'block', reasons: ['content.cannabis'], createdAt: '2026-03-10T12:30:00Z' });
  // m_old: two days ago (7d window only); m_live: in the current hour
  await message(db, A, { from: N1, to: R(7), purpose: 'marketing', createdAt: '2026-03-08T10:00:00Z', events: [['sent', '2026-03-08T10:00:00Z'], ['delivered', '2026-03-08T10:01:00Z']] });
  await message(db, A, { from: N1, to: R(2), purpose: 'marketing', createdAt: '2026-03-10T16:10:00Z', events: [['sent', '2026-03-10T16:10:00Z'], ['delivered', '2026-03-10T16:11:00Z']] });
  await inbound(db, A, R(2), N1, 'opt_out', 'STOP', '2026-03-10T10:30:00Z');
  await inbound(db, A, R(3), N1, 'opt_out_phrase', 'stop_texting_me', '2026-03-10T10:40:00Z');
  await inbound(db, A, R(1), N2, 'none', null, '2026-03-09T20:30:00Z');
  await inbound(db, A, R(1), N1, 'none', null, '2026-03-10T10:05:00Z');
  // account B uses the same number string and recipients: none of it may show in A
  await message(db, 'acct-b', { from: N1, to: R(1), purpose: 'marketing', createdAt: '2026-03-10T10:00:00Z', errorCode: '30007', events: [['sent', '2026-03-10T10:00:00Z'], ['undelivered', '2026-03-10T10:01:00Z']] });
  await inbound(db, 'acct-b', R(1), N1, 'opt_out', 'STOP', '2026-03-10T10:30:00Z');

  // account C: bulk. 120 recipients of one template in 5 minutes (names, amounts, links differ);
  // 60 + 60 of two one-word variants in 8 minutes (near); 99 of another (under the threshold).
  const C = 'acct-c';
  for (let i = 0; i < 120; i++) {
    const at = new Date(Date.parse('2026-03-10T09:00:00Z') + i * 2_500).toISOString();
    await message(db, C, { from: i % 2 === 0 ? N1 : N2, to: R(100 + i), purpose: 'marketing', createdAt: at, body: `Hi Name${String.fromCharCode(65 + (i % 26))}, your $${i}.00 credit expires soon: https://acme.example/c/${i}. Reply STOP to opt out`, events: [['sent', at]] });
  }
  const words = 'Spring sale at Northwind Outfitters: jackets boots and tents are marked down all weekend in every store. Reply STOP to unsubscribe';
  for (let i = 0; i < 120; i++) {
    const at = new Date(Date.parse('2026-03-10T12:00:00Z') + i * 4_000).toISOString();
    await message(db, C, { from: N1, to: R(300 + i), purpose: 'marketing', createdAt: at, body: i % 2 === 0 ? words : words.replace('tents', 'kayaks'), events: [['sent', at]] });
  }
  for (let i = 0; i < 99; i++) {
    const at = new Date(Date.parse('2026-03-10T14:00:00Z') + i * 1_000).toISOString();
    await message(db, C, { from: N2, to: R(500 + i), purpose: 'informational', createdAt: at, body: 'Office closed Monday for maintenance. Reply STOP to opt out', events: [['sent', at]] });
  }
}, 120_000);

afterAll(async () => {
  await t.close();
});

const EXPECTED_24H: Omit<MetricsView, 'numbers' | 'bulk' | 'daily' | 'prevented'> = {
  window: '24h',
  from: '2026-03-09T16:00:00.000Z',
  to: NOW.toISOString(),
  scope: {},
  totals: {
    sent: 5, delivered: 3, failed: 2, undelivered: 1, deliveryErrorRate: 0.5, segments: 8, estimatedCostUsd: 0.08, pricePerSegmentUsd: 0.01,
    uniqueRecipients: 3,
  },
  errors: [
    { code: '30003', name: 'Unreachable handset', count: 1, rate: 0.166667 },
    { code: '30007', name: 'Carrier filtering (blocked as spam or policy)', count: 1, rate: 0.166667 },
    { code: '30034', name: 'Unregistered 10DLC number', count: 1, rate: 0.166667 },
  ],
  optOuts: { count: 2, rate: 0.666667, byKeyword: [{ keyword: 'STOP', count: 1 }], byPhrase: [{ phrase: 'stop_texting_me', count: 1 }] },
};

type Mode = 'live' | 'rollup + live' | 'rollup past now';

async function prepare(mode: Mode): Promise<void> {
  // the fixture resets every account's rollups: the test's own global statement, unchecked
  await t.unscoped.exec('delete from metrics_hourly; delete from metrics_hourly_codes; delete from metrics_hourly_inbound; delete from metrics_hourly_speed; delete from metrics_bulk; delete from metrics_recipients; delete from metrics_recipients_hourly; delete from metrics_rollup_state; delete from metrics_daily; delete from metrics_daily_codes; delete from metrics_daily_inbound; delete from metrics_daily_speed;');
  if (mode === 'rollup + live') await rollupOnce(t, new Date('2026-03-10T16:05:00Z'));
  if (mode === 'rollup past now') await rollupOnce(t, new Date('2026-03-10T18:00:00Z'));
}

const get = (accountId: string, q: MetricsQuery) => getMetrics(t, accountId, q, NOW);

describe.each<Mode>(['live', 'rollup + live', 'rollup past now'])('figures (%s)', (mode) => {
  beforeAll(async () => {
    await prepare(mode);
  });

  it('24h for the account', async () => {
    const m = await get('acct-a', { window: '24h' });
    expect(m).toMatchObject(EXPECTED_24H);
    expect(m.numbers).toEqual([
      { phone: N1, outbound: 4, inbound: 3, ratio: 1.3333, ratioThreshold: 1, overRatio: true, peakPerMinute: 3, limitPerMinute: 2, limitUse: 1.5 },
      { phone: N2, outbound: 1, inbound: 1, ratio: 1, ratioThreshold: 1, overRatio: false, peakPerMinute: 1, limitPerMinute: 60, limitUse: 0.0167 },
    ]);
    expect(m.prevented).toEqual({
      blocked: 2, deferred: 1, exposureUsd: 3000,
      byReason: [
        { code: 'consent.missing', count: 1, blocked: 1, sev0Tier: null, exposureUsd: 0 },
        { code: 'content.cannabis', count: 1, blocked: 1, sev0Tier: 'Tier 2', exposureUsd: 1000 },
        { code: 'content.phishing', count: 1, blocked: 1, sev0Tier: 'Tier 1', exposureUsd: 2000 },
        { code: 'quiet_hours', count: 1, blocked: 0, sev0Tier: null, exposureUsd: 0 },
      ],
    });
    expect(m.daily).toEqual([
      { day: '2026-03-09', sent: 1, delivered: 1, failed: 1, optOuts: 0, inbound: 1, blocked: 0, segments: 3 },
      { day: '2026-03-10', sent: 4, delivered: 2, failed: 1, optOuts: 2, inbound: 3, blocked: 2, segments: 5 },
    ]);
    expect(m.bulk).toEqual([]);
  });

  it('24h for one purpose', async () => {
    const m = await get('acct-a', { window: '24h', purpose: 'marketing' });
    expect(m.scope).toEqual({ purpose: 'marketing' });
    expect(m.totals).toMatchObject({ sent: 3, delivered: 2, failed: 1, undelivered: 1, deliveryErrorRate: 0.5, segments: 4, uniqueRecipients: 2 });
    expect(m.errors.map((e) => [e.code, e.count, e.rate])).toEqual([['30007', 1, 0.25], ['30034', 1, 0.25]]);
    expect(m.optOuts).toEqual({ count: 1, rate: 0.5, byKeyword: [{ keyword: 'STOP', count: 1 }], byPhrase: [] });
    expect(m.prevented.byReason.map((r) => r.code)).toEqual(['consent.missing', 'content.phishing', 'quiet_hours']);
  });

  it('24h for one number', async () => {
    const m = await get('acct-a', { window: '24h', number: N2 });
    expect(m.totals).toMatchObject({ sent: 1, delivered: 1, failed: 1, undelivered: 0, deliveryErrorRate: 0.5, segments: 3, uniqueRecipients: 1 });
    expect(m.optOuts.count).toBe(0);
    expect(m.numbers.map((n) => n.phone)).toEqual([N2]);
    expect(m.prevented).toMatchObject({ blocked: 1, deferred: 1, exposureUsd: 1000 });
  });

  it('one number and one purpose', async () => {
    const m = await get('acct-a', { window: '24h', number: N1, purpose: 'informational' });
    expect(m.totals).toMatchObject({ sent: 1, failed: 1, uniqueRecipients: 1 });
    expect(m.optOuts).toMatchObject({ count: 1, rate: 1, byPhrase: [{ phrase: 'stop_texting_me', count: 1 }] });
  });

  it('7d includes the older send', async () => {
    const m = await get('acct-a', { window: '7d' });
    expect(m.from).toBe('2026-03-03T16:00:00.000Z');
    expect(m.totals).toMatchObject({ sent: 6, delivered: 4, uniqueRecipients: 4 });
    expect(m.daily).toHaveLength(8);
    expect(m.daily.find((d) => d.day === '2026-03-08')).toMatchObject({ sent: 1, delivered: 1 });
  });

  it('another account sees only its own', async () => {
    const m = await get('acct-b', { window: '24h' });
    expect(m.totals).toMatchObject({ sent: 1, undelivered: 1, uniqueRecipients: 1, pricePerSegmentUsd: 0.0083 });
    expect(m.optOuts.count).toBe(1);
    expect(m.numbers).toEqual([expect.objectContaining({ phone: N1, outbound: 1, inbound: 1, limitPerMinute: 60 })]);
  });

  it('bulk identical and nearly identical content', async () => {
    const m = await get('acct-c', { window: '24h' });
    expect(m.bulk).toHaveLength(2);
    const [exact, near] = m.bulk;
    expect(exact).toMatchObject({
      method: 'exact', recipients: 120, totalRecipients: 120, windowMinutes: 10, numbers: [N1, N2], purposes: ['marketing'],
      firstAt: '2026-03-10T09:00:00.000Z', lastAt: '2026-03-10T09:04:57.500Z', key: contentFingerprint('Hi Ann, your $1 credit expires soon. Reply STOP to opt out').key,
    });
    expect(exact?.sample).toContain('NameA');
    expect(near).toMatchObject({ method: 'near', recipients: 120, numbers: [N1], firstAt: '2026-03-10T12:00:00.000Z' });
    expect(near?.key).toMatch(/^[0-9a-f]{16}$/);
    const byNumber = await get('acct-c', { window: '24h', number: N2 });
    expect(byNumber.bulk.map((b) => b.method)).toEqual(['exact']);
    const informational = await get('acct-c', { window: '24h', purpose: 'informational' });
    expect(informational.bulk).toEqual([]);
  });
});

describe('settings', () => {
  it('a lower bulk threshold flags the 99-recipient send', async () => {
    await t.db.query(`update accounts set settings = '{"metrics":{"bulk":{"recipients":99,"windowMinutes":2}}}' where account_id = 'acct-c'`);
    await prepare('live');
    const m = await get('acct-c', { window: '24h' });
    // 2 minutes: the 120-recipient template (one send per 2.5 s) peaks at 49; 99 in 99 s fits
    expect(m.bulk.map((b) => [b.method, b.recipients, b.sample])).toEqual([
      ['exact', 99, 'Office closed Monday for maintenance. Reply STOP to opt out'],
    ]);
  });
});
