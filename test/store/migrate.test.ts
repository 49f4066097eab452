import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedMigrations, migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

const ACCOUNT = { id: 'acc_1', sid: `AC${'0'.repeat(32)}` };

async function seedContact(): Promise<void> {
  await t.db.query("insert into accounts (account_id, sid, name, brand_name, created_at) values ($1, $2, 'demo', 'Acme Realty', now()) on conflict do nothing", [ACCOUNT.id, ACCOUNT.sid]);
  await t.db.query("insert into contacts (account_id, phone, created_at, updated_at) values ($1, '+12125550123', now(), now()) on conflict do nothing", [ACCOUNT.id]);
}

describe(`migrations (${testDbKind})`, () => {
  it('applied every migration once', async () => {
    expect(await appliedMigrations(t.db)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('applies nothing the second time', async () => {
    expect(await migrate(t.db)).toEqual([]);
  });

  it('rolls back a failing migration and records nothing', async () => {
    const bad = [...MIGRATIONS, { id: 999, name: 'broken', sql: 'create table broken_ok (id int); select no_such_column from accounts;' }];
    await expect(migrate(t.db, bad)).rejects.toThrow(/no_such_column/);
    expect(await appliedMigrations(t.db)).not.toContain(999);
    const tables = await t.db.query("select 1 from information_schema.tables where table_name = 'broken_ok' and table_schema = current_schema()");
    expect(tables).toEqual([]);
  });

  it.runIf(testDbKind === 'postgres')('lets concurrent migrators race safely', async () => {
    const a = t.connect();
    const b = t.connect();
    const extra = [...MIGRATIONS, { id: 1000, name: 'race', sql: 'create table race_ok (id int primary key)' }];
    const [ra, rb] = await Promise.all([migrate(a, extra), migrate(b, extra)]);
    expect([...ra, ...rb].sort()).toEqual([1000]);
  });
});

describe.runIf(testDbKind === 'postgres')('prepared statements across a migration (postgres)', () => {
  it('a statement prepared before another process added a column still runs', async () => {
    const db = t.connect();
    const other = t.connect();
    await seedContact();
    const read = () => db.query('select * from contacts where account_id = $1', [ACCOUNT.id]);
    for (let i = 0; i < 12; i++) await read(); // every pooled connection has prepared it
    await other.exec('alter table contacts add column nickname_for_test text');
    const rows = await read();
    expect(rows[0]).toHaveProperty('nickname_for_test', null);
  });
});

describe(`consent ledger (${testDbKind})`, () => {
  it('refuses UPDATE and DELETE: it is append-only', async () => {
    await seedContact();
    const [row] = await t.db.query<{ id: number }>(
      "insert into consent_events (account_id, phone, kind, channel, purposes, method, written, occurred_at, recorded_at) values ($1, '+12125550123', 'granted', 'sms', '{marketing}', 'web_form', true, now(), now()) returning id",
      [ACCOUNT.id],
    );
    await expect(t.db.query("update consent_events set written = false where account_id = $1 and id = $2", [ACCOUNT.id, row!.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query('delete from consent_events where account_id = $1', [ACCOUNT.id])).rejects.toThrow(/append-only/);
    const rows = await t.db.query<{ written: boolean }>('select written from consent_events where account_id = $1', [ACCOUNT.id]);
    expect(rows).toEqual([{ written: true }]);
  });

  it('checks the message status list', async () => {
    await seedContact();
    await expect(t.db.query(
      "insert into messages (account_id, id, to_phone, body, purpose, status, verdict, segments, created_at, updated_at) values ($1, 'm1', '+12125550123', 'hi', 'marketing', 'lost', 'allow', 1, now(), now())",
      [ACCOUNT.id],
    )).rejects.toThrow(/messages_status_check/);
  });

  it('rolls back a failed transaction and keeps the connection usable', async () => {
    await expect(t.db.transaction(async (tx) => {
      await tx.query("insert into accounts (account_id, sid, name, brand_name, created_at) values ('acc_tx', $1, 'tx', 'Tx', now())", [`AC${'1'.repeat(32)}`]);
      await tx.query('select * from no_such_table');
    })).rejects.toThrow();
    expect(await t.db.query("select 1 from accounts where account_id = 'acc_tx'")).toEqual([]);
    expect(await t.db.query('select 1 as ok')).toEqual([{ ok: 1 }]);
  });
});

describe.runIf(testDbKind === 'pglite')('migration 3 moves the stored decision out of messages', () => {
  it('keeps each decision, its facts and its block/defer reason codes', async () => {
    const { openPglite } = await import('../../src/store/pglite.js');
    const db = await openPglite();
    try {
      await migrate(db, MIGRATIONS.filter((m) => m.id <= 2));
      await db.query("insert into accounts (account_id, sid, name, brand_name, created_at) values ('acc_1', $1, 'demo', 'Acme', now())", [ACCOUNT.sid]);
      const decision = {
        optOutNotice: true, statusCallback: 'https://example.com/cb', system: 'help_reply', ruleSetVersion: 'x', inputs: {},
        decision: { reasons: [{ code: 'quiet_hours', severity: 'defer' }, { code: 'missing_brand', severity: 'warn' }, { code: 'shaft_content', severity: 'block' }] },
      };
      await db.query(
        "insert into messages (account_id, id, to_phone, body, purpose, status, verdict, decision, segments, created_at, updated_at) values ('acc_1', 'SM1', '+12125550123', 'hi', 'marketing', 'blocked', 'block', $1, 1, now(), now())",
        [JSON.stringify(decision)],
      );
      await migrate(db);
      const [m] = await db.query("select * from messages where account_id = 'acc_1' and id = 'SM1'");
      expect(m).not.toHaveProperty('decision');
      expect(m).toMatchObject({ opt_out_notice: true, status_callback: 'https://example.com/cb', system_kind: 'help_reply', reason_codes: ['quiet_hours', 'shaft_content'] });
      const [d] = await db.query<{ decision: unknown }>("select decision from message_decisions where account_id = 'acc_1' and message_id = 'SM1'");
      expect(d?.decision).toEqual(decision);
    } finally {
      await db.close();
    }
  });
});

describe(`number owner migration (${testDbKind})`, () => {
  it('keeps the oldest claim of a phone held by several accounts, moves the others aside, then refuses a second owner', async () => {
    const old = await createTestDb(MIGRATIONS.filter((m) => m.id < 10));
    const db = old.db;
    try {
      for (const [i, id, phone, created] of [[1, 'acc_new', '+12125550100', '2026-02-01'], [2, 'acc_old', '+12125550100', '2026-01-01'], [3, 'acc_solo', '+12125550199', '2026-03-01']] as const) {
        await db.query("insert into accounts (account_id, sid, name, brand_name, created_at) values ($1, $2, $1, 'Acme', now())", [id, `AC${String(i).padStart(32, '0')}`]);
        await db.query('insert into numbers (account_id, phone, registered, created_at, updated_at) values ($1, $2, true, $3, $3)', [id, phone, created]);
      }
      expect(await migrate(db)).toEqual(MIGRATIONS.filter((m) => m.id >= 10).map((m) => m.id));
      expect(await old.unscoped.query('select account_id, phone from numbers order by phone')).toEqual([
        { account_id: 'acc_old', phone: '+12125550100' }, { account_id: 'acc_solo', phone: '+12125550199' },
      ]);
      const moved = await old.unscoped.query('select account_id, phone, owner_account_id, claim->>\'registered\' as registered from number_claim_conflicts');
      expect(moved).toEqual([{ account_id: 'acc_new', phone: '+12125550100', owner_account_id: 'acc_old', registered: 'true' }]);
      await expect(db.query("insert into numbers (account_id, phone, registered, created_at, updated_at) values ('acc_new', '+12125550100', true, now(), now())")).rejects.toThrow(/numbers_phone_key/);
    } finally {
      await old.close();
    }
  });
});
