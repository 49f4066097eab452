import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTraffic, type DemoTrafficResult } from '../../src/runtime/demo-traffic.js';
import { createAccount, type AccountView } from '../../src/services/index.js';
import { createSimulatorProvider } from '../../src/providers/simulator/simulator.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import type { Db } from '../../src/store/db.js';
import { FakeClock, makeDeps } from '../services/helpers.js';

/** `db`, counting every statement sent through it (inside transactions too). */
function counting(db: Db, count: { statements: number }): Db {
  return {
    kind: db.kind,
    query: (sql, params) => { count.statements++; return db.query(sql, params); },
    exec: (sql) => { count.statements++; return db.exec(sql); },
    transaction: (fn) => db.transaction((tx) => fn(counting(tx, count))),
    close: () => db.close(),
  };
}

/** Thursday 12 March 2026, 15:20 UTC. */
const NOW = new Date('2026-03-12T15:20:00Z');
let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
let demo: AccountView;
let other: AccountView;
let result: DemoTrafficResult;
const work = { statements: 0 };

const q = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => t.db.query<T>(sql, params as never[]);

beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, createSimulatorProvider({ secret: 'demo-test-secret-0123456789' }), new FakeClock(NOW));
  demo = (await createAccount(deps, { name: 'demo', brandName: 'Acme Dental' })).account;
  other = (await createAccount(deps, { name: 'bystander', brandName: 'Other Co' })).account;
  // the seeding's cost, as work done rather than time taken (its wall time is a benchmark's figure)
  result = await seedDemoTraffic({ ...deps, db: counting(t.db, work) }, demo.accountId, { days: 3, now: NOW });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe(`seedDemoTraffic (${testDbKind})`, () => {
  it('fills three past days with a few hundred messages each, all before now, in a bounded number of statements', async () => {
    expect(result.seeded).toBe(true);
    const days = await q<{ day: string; n: string }>(
      "select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::text as n from messages where account_id = $1 group by 1 order by 1",
      [demo.accountId],
    );
    const byDay = Object.fromEntries(days.map((d) => [d.day, Number(d.n)]));
    for (const day of ['2026-03-09', '2026-03-10', '2026-03-11']) expect(byDay[day]).toBeGreaterThanOrEqual(150);
    const [late] = await q<{ n: string }>('select count(*)::text as n from message_events where account_id = $1 and at > $2', [demo.accountId, NOW]);
    expect(Number(late?.n)).toBe(0);
    // about two statements per text (1,736 on PGlite, 1,793 on PostgreSQL for 840): a statement per row more fails
    expect(work.statements).toBeLessThanOrEqual(3 * (result.accepted + result.inbound));
  });

  it('went through the real pipeline: every sent text has its claim, send and carrier status events', async () => {
    const broken = await q<{ id: string }>(
      `select m.id from messages m where m.account_id = $1 and m.status in ('delivered', 'undelivered')
          and not exists (select 1 from message_events e where e.account_id = m.account_id and e.message_id = m.id and e.status = 'sending')
          or m.account_id = $1 and m.status in ('delivered', 'undelivered')
          and not exists (select 1 from message_events e where e.account_id = m.account_id and e.message_id = m.id and e.status = 'sent')`,
      [demo.accountId],
    );
    expect(broken).toEqual([]);
    const statuses = await q<{ status: string; error_code: string | null; n: string }>(
      'select status, error_code, count(*)::text as n from messages where account_id = $1 group by 1, 2', [demo.accountId],
    );
    const count = (status: string, code: string | null = null) => Number(statuses.find((s) => s.status === status && s.error_code === code)?.n ?? 0);
    expect(count('delivered')).toBeGreaterThan(400);
    expect(count('failed', '30006')).toBeGreaterThanOrEqual(1);
    expect(count('undelivered', '30003') + count('undelivered', '30005')).toBeGreaterThanOrEqual(1);
    expect(count('blocked')).toBeGreaterThanOrEqual(5);
  });

  it('has opt-outs, HELP, replies, blocked SHAFT texts, quiet-hour deferrals and consent blocks', async () => {
    const inbound = await q<{ kind: string; n: string }>('select kind, count(*)::text as n from inbound_messages where account_id = $1 group by 1', [demo.accountId]);
    const kinds = Object.fromEntries(inbound.map((r) => [r.kind, Number(r.n)]));
    expect((kinds.opt_out ?? 0) + (kinds.opt_out_phrase ?? 0)).toBeGreaterThanOrEqual(3);
    expect((kinds.opt_out ?? 0) + (kinds.opt_out_phrase ?? 0)).toBeLessThanOrEqual(25);
    expect(kinds.opt_out_phrase).toBeGreaterThanOrEqual(1);
    expect(kinds.help).toBeGreaterThanOrEqual(1);
    expect(kinds.none).toBeGreaterThanOrEqual(10);
    const reasons = await q<{ code: string }>(
      "select distinct unnest(reason_codes) as code from messages where account_id = $1", [demo.accountId],
    );
    const codes = reasons.map((r) => r.code);
    expect(codes.some((c) => c.startsWith('content.shaft.'))).toBe(true);
    expect(codes).toEqual(expect.arrayContaining(['quiet_hours', 'consent.missing']));
    const bulk = await q<{ n: string }>(
      "select count(distinct to_phone)::text as n from messages where account_id = $1 and purpose = 'marketing' and body like '%spring special%'", [demo.accountId],
    );
    expect(Number(bulk[0]?.n)).toBeGreaterThanOrEqual(100);
  });

  it('records consent with web-form evidence (URL, form text and hash, checkbox, IP, user agent)', async () => {
    const rows = await q<{ evidence: Record<string, unknown> }>(
      "select evidence from consent_events where account_id = $1 and method = 'web_form' limit 1", [demo.accountId],
    );
    expect(rows[0]?.evidence).toMatchObject({
      url: expect.stringMatching(/^https:\/\//) as string, formText: expect.stringContaining('Acme Dental') as string,
      formTextSha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string, checkbox: true, ip: expect.stringMatching(/^203\.0\.113\./) as string,
      userAgent: expect.stringContaining('Mozilla') as string,
    });
  });

  it('seeds once, and touches no other account', async () => {
    const [before] = await q<{ n: string }>('select count(*)::text as n from messages where account_id = $1', [demo.accountId]);
    expect(await seedDemoTraffic(deps, demo.accountId, { days: 3, now: NOW })).toEqual({ seeded: false, accepted: 0, inbound: 0 });
    const [after] = await q<{ n: string }>('select count(*)::text as n from messages where account_id = $1', [demo.accountId]);
    expect(after?.n).toBe(before?.n);
    const [others] = await q<{ n: string }>('select count(*)::text as n from consent_events where account_id = $1', [other.accountId]);
    expect(others?.n).toBe('0');
  });
});
