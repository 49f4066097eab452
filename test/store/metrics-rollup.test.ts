/**
 * The rollup's own logic (src/store/metrics-rollup.ts rollupRange, src/services/monitoring/metrics.ts rollupOnce), on
 * PGlite and PostgreSQL: the daily roll of closed days, chunk boundaries, late events recomputed in
 * the trailing window, and the per-hour recipient counts kept in step with metrics_recipients.
 * Every check compares the figures read through the rollup with the same figures read live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFingerprint, simhashToBigintString } from '../../src/core/fingerprint.js';
import { getMetrics, resolveMetricsSettings, rollupOnce, ROLLUP_TRAILING_MS, type MetricsQuery, type MetricsView } from '../../src/services/monitoring/metrics.js';
import type { Db } from '../../src/store/db.js';
import { readPlan, rollupRange } from '../../src/store/metrics-rollup.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const A = 'acct-r';
const NOW = new Date('2026-03-10T16:30:00Z');
const N1 = '+12125550100';
const N2 = '+12125550101';
const R = (i: number) => `+1646555${String(1000 + i)}`;
const HOUR = 3_600_000;
const MIN = 60_000;
const PURPOSES = ['marketing', 'informational', 'transactional'] as const;
const ROLLUP_TABLES = [
  'metrics_hourly', 'metrics_hourly_codes', 'metrics_hourly_inbound', 'metrics_hourly_speed', 'metrics_bulk', 'metrics_recipients',
  'metrics_recipients_hourly', 'metrics_rollup_state', 'metrics_daily', 'metrics_daily_codes', 'metrics_daily_inbound', 'metrics_daily_speed',
];

let seq = 0;
let t: TestDb;

async function send(db: Db, m: { from: string; to: string; purpose: string; at: Date; final?: string; errorCode?: string; body?: string; verdict?: string; reasons?: string[] }): Promise<string> {
  const id = `SM${String(++seq).padStart(32, '0')}`;
  const fp = contentFingerprint(m.body ?? `Acme: order ${String(seq)} shipped. Reply STOP to opt out`);
  const verdict = m.verdict ?? 'allow';
  await db.query(
    `insert into messages (account_id, id, to_phone, from_phone, body, purpose, status, verdict, segments, created_at, updated_at,
       reason_codes, error_code, content_key, content_simhash, content_bands)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14::bigint, $15::integer[])`,
    [A, id, m.to, m.from, m.body ?? 'x', m.purpose, verdict === 'allow' ? (m.final ?? 'sent') : verdict === 'block' ? 'blocked' : 'scheduled', verdict,
      1 + (seq % 2), m.at, m.reasons ?? [], m.errorCode ?? null, fp.key, simhashToBigintString(fp.simhash), fp.bands.map(String)],
  );
  if (verdict === 'allow') {
    await event(db, id, 'sent', new Date(m.at.getTime() + 1_000));
    if (m.final !== undefined) await event(db, id, m.final, new Date(m.at.getTime() + 40_000));
  }
  return id;
}

async function event(db: Db, id: string, status: string, at: Date): Promise<void> {
  await db.query('insert into message_events (account_id, message_id, status, at) values ($1, $2, $3, $4)', [A, id, status, at]);
}

async function clear(): Promise<void> {
  // every account's rollups: the test's own global reset, unchecked
  await t.unscoped.exec(ROLLUP_TABLES.map((x) => `delete from ${x};`).join(' '));
}

const QUERIES: MetricsQuery[] = [
  { window: '24h' }, { window: '7d' }, { window: '30d' }, { window: '7d', number: N2 }, { window: '7d', purpose: 'marketing' },
  { window: '24h', number: N1, purpose: 'informational' },
];

async function figures(at: Date): Promise<MetricsView[]> {
  return Promise.all(QUERIES.map((q) => getMetrics(t, A, q, at)));
}

/** The figures read live (no rollup rows at all), then restores nothing: callers roll up after. */
async function liveFigures(at: Date): Promise<MetricsView[]> {
  await clear();
  return figures(at);
}

beforeAll(async () => {
  t = await createTestDb();
  const db = t.db;
  await db.query(`insert into accounts (account_id, sid, name, brand_name, created_at) values ($1, $2, $1, 'Brand', '2026-01-01T00:00:00Z')`, [A, `AC${'c'.repeat(32)}`]);
  // 3 1/2 days of traffic, one send every 37 minutes, over 2 numbers, 3 purposes, 25 recipients
  // (each messaged again and again, so their last send moves forward); every 7th fails
  const start = NOW.getTime() - 84 * HOUR;
  for (let i = 0; start + i * 37 * MIN < NOW.getTime(); i++) {
    const at = new Date(start + i * 37 * MIN);
    const failed = i % 7 === 3;
    await send(db, {
      from: i % 3 === 0 ? N2 : N1, to: R(i % 25), purpose: PURPOSES[i % 3] ?? 'marketing', at,
      final: failed ? 'failed' : 'delivered', ...(failed ? { errorCode: i % 2 === 0 ? '30007' : '30003' } : {}),
      ...(i % 11 === 5 ? { verdict: 'block', reasons: ['content.phishing'] } : {}),
    });
    if (i % 9 === 4) {
      await db.query(
        `insert into inbound_messages (account_id, id, provider, provider_message_id, from_phone, to_phone, body, kind, keyword, received_at)
         values ($1, $2, 'simulator', $2, $3, $4, 'STOP', $5, $6, $7)`,
        [A, `IM${String(i).padStart(32, '0')}`, R(i % 25), i % 3 === 0 ? N2 : N1, i % 2 === 0 ? 'opt_out' : 'none', i % 2 === 0 ? 'STOP' : null, new Date(at.getTime() + 5 * MIN)],
      );
    }
  }
  // a 120-recipient campaign from 11:55 to 12:04 (across the 12:00 chunk boundary)
  for (let i = 0; i < 120; i++) {
    await send(db, { from: N1, to: R(200 + i), purpose: 'marketing', at: new Date(Date.parse('2026-03-10T11:55:00Z') + i * 4_500), body: 'Flash sale today only at Acme. Reply STOP to opt out' });
  }
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('read plan', () => {
  it.each([
    // [from, to, h1, h2]: hours [from, h1) and [h2, to), whole days [h1, h2)
    ['2026-03-03T16:00:00Z', '2026-03-10T16:05:00Z', '2026-03-04T00:00:00Z', '2026-03-10T00:00:00Z'],
    ['2026-03-09T16:00:00Z', '2026-03-10T16:05:00Z', '2026-03-10T00:00:00Z', '2026-03-10T00:00:00Z'],
    ['2026-03-10T01:00:00Z', '2026-03-10T16:05:00Z', '2026-03-10T16:05:00Z', '2026-03-10T16:05:00Z'],
    ['2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z', '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z'],
  ])('%s → %s', (from, to, h1, h2) => {
    const p = readPlan(new Date(from), new Date(to));
    expect([p.h1.toISOString(), p.h2.toISOString()]).toEqual([new Date(h1).toISOString(), new Date(h2).toISOString()]);
  });
});

describe('rollup', () => {
  let live: MetricsView[];
  beforeAll(async () => {
    live = await liveFigures(NOW);
  });

  it('one big chunk, 5-hour chunks and hourly chunks give the live figures', async () => {
    const settings = resolveMetricsSettings(null);
    for (const chunkMs of [31 * 24 * HOUR, 5 * HOUR, HOUR]) {
      await clear();
      await rollupRange(t.db, A, new Date('2026-02-07T16:00:00Z'), new Date(NOW.getTime() - 10 * MIN), settings.bulk, chunkMs);
      const rolled = await figures(NOW);
      for (const [i, m] of rolled.entries()) {
        expect({ chunkMs, q: QUERIES[i], ...m }).toEqual({ chunkMs, q: QUERIES[i], ...live[i] });
      }
      // the campaign across the 12:00 boundary is one group with its full peak
      expect(rolled[0]?.bulk.map((b) => [b.method, b.recipients, b.totalRecipients, b.firstAt, b.lastAt]))
        .toEqual([['exact', 120, 120, '2026-03-10T11:55:01.000Z', '2026-03-10T12:03:56.500Z']]);
    }
  });

  it('rolls closed days into the daily tables: each day = the sum of its hours; not the day of rolled_to', async () => {
    await clear();
    await rollupOnce(t, NOW);
    const sums = await t.db.query<{ day: Date; n: string; d: string | null; c: string | null; i: string | null; s: number | null }>(
      `select h.day, h.n, d.sent as d,
              (select sum(count) from metrics_daily_codes c where c.account_id = $1 and c.day = h.day) as c,
              (select sum(count) from metrics_daily_inbound c where c.account_id = $1 and c.day = h.day) as i,
              (select max(peak_per_minute) from metrics_daily_speed c where c.account_id = $1 and c.day = h.day) as s
         from (select date_trunc('day', hour, 'UTC') as day, sum(sent) as n from metrics_hourly where account_id = $1 group by 1) h
         left join (select day, sum(sent) as sent from metrics_daily where account_id = $1 group by 1) d on d.day = h.day
        order by 1`,
      [A],
    );
    expect(sums.map((r) => r.day.toISOString().slice(0, 10))).toEqual(['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    for (const r of sums.slice(0, -1)) {
      expect(Number(r.d)).toBe(Number(r.n));
      expect(Number(r.c)).toBeGreaterThan(0);
      expect(r.s).toBeGreaterThan(0);
    }
    expect(sums.at(-1)?.d).toBeNull();
    const hourlyCodes = await t.db.query<{ n: string }>(`select sum(count) as n from metrics_hourly_codes where account_id = $1 and hour < '2026-03-10'`, [A]);
    const dailyCodes = await t.db.query<{ n: string }>(`select sum(count) as n from metrics_daily_codes where account_id = $1`, [A]);
    expect(Number(dailyCodes[0]?.n)).toBe(Number(hourlyCodes[0]?.n));
    expect(await figures(NOW)).toEqual(live);
  });

  it('a rollup step a minute later reads the trailing hours again and still gives the live figures', async () => {
    await clear();
    await rollupOnce(t, new Date(NOW.getTime() - 26 * HOUR));
    await rollupOnce(t, new Date(NOW.getTime() - 2 * HOUR - 5 * MIN));
    await rollupOnce(t, new Date(NOW.getTime() - MIN));
    expect(await figures(NOW)).toEqual(live);
  });
});

describe('late events', () => {
  it('an event that arrives late, within the trailing window, is counted by the first step of the next hour', async () => {
    await clear();
    const stepAt = new Date(NOW.getTime() - 20 * MIN);
    await rollupOnce(t, stepAt);
    // committed after that step, stamped 50 minutes before it (a slow transaction, a skewed clock)
    const id = await send(t.db, { from: N2, to: R(900), purpose: 'transactional', at: new Date(stepAt.getTime() - 50 * MIN - 1_000), final: 'undelivered', errorCode: '30034' });
    const before = await getMetrics(t, A, { window: '24h' }, NOW);
    // a step in the same hour recomputes only from the hour of rolled_to − 5 minutes
    await rollupOnce(t, new Date(NOW.getTime() - 10 * MIN));
    expect((await getMetrics(t, A, { window: '24h' }, NOW)).totals).toEqual(before.totals);
    // the first step of the next hour recomputes the trailing two hours
    await rollupOnce(t, new Date('2026-03-10T17:00:30Z'));
    const after = await getMetrics(t, A, { window: '24h' }, NOW);
    expect(after.totals.sent).toBe(before.totals.sent + 1);
    expect(after.totals.undelivered).toBe(before.totals.undelivered + 1);
    expect(after.totals.uniqueRecipients).toBe(before.totals.uniqueRecipients + 1);
    expect(after.errors.find((e) => e.code === '30034')?.count).toBe(1);
    const liveNow = await liveFigures(NOW);
    await rollupOnce(t, new Date(NOW.getTime() - 10 * MIN));
    expect(await figures(NOW)).toEqual(liveNow);
    await rollupOnce(t, new Date('2026-03-10T17:00:30Z'));
    expect(await figures(NOW)).toEqual(liveNow);
    await t.db.query('delete from message_events where account_id = $1 and message_id = $2', [A, id]);
    await t.db.query('delete from messages where account_id = $1 and id = $2', [A, id]);
  });

  it('an event stamped before the trailing window is not picked up (the window is the limit)', async () => {
    await clear();
    const stepAt = new Date(NOW.getTime() - 20 * MIN);
    await rollupOnce(t, stepAt);
    const id = await send(t.db, { from: N2, to: R(901), purpose: 'transactional', at: new Date(stepAt.getTime() - ROLLUP_TRAILING_MS - HOUR) });
    const before = await getMetrics(t, A, { window: '24h' }, NOW);
    await rollupOnce(t, new Date('2026-03-10T17:00:30Z'));
    expect((await getMetrics(t, A, { window: '24h' }, NOW)).totals.sent).toBe(before.totals.sent);
    await t.db.query('delete from message_events where account_id = $1 and message_id = $2', [A, id]);
    await t.db.query('delete from messages where account_id = $1 and id = $2', [A, id]);
  });
});

describe('unique recipients', () => {
  it('metrics_recipients_hourly always counts metrics_recipients by the hour of last_at, step after step', async () => {
    await clear();
    for (const back of [80, 50, 30, 26, 3, 1, 0]) {
      await rollupOnce(t, new Date(NOW.getTime() - back * HOUR));
      const diff = await t.db.query(
        `select scope, hour, sum(n)::int as n from (
           select scope, date_trunc('hour', last_at, 'UTC') as hour, count(*) as n from metrics_recipients where account_id = $1 group by 1, 2
           union all
           select scope, hour, -recipients from metrics_recipients_hourly where account_id = $1
         ) x group by 1, 2 having sum(n) <> 0`,
        [A],
      );
      expect({ back, diff }).toEqual({ back, diff: [] });
    }
    const counts = await t.db.query<{ n: string }>(`select count(*) as n from metrics_recipients where account_id = $1 and scope = ''`, [A]);
    expect(Number(counts[0]?.n)).toBe(145);
  });
});
