import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { isGlobalSweep } from '../helpers/global-sweeps.js';
import { assertNoUnscoped, OwnedTables, takeUnscoped } from '../helpers/scoped-db.js';
import { findUnscoped } from '../helpers/sql-scope.js';
import { writtenStatements } from '../helpers/written-sql.js';

const OWNED = new Set(['accounts', 'contacts', 'messages', 'message_decisions', 'consent_events', 'sessions']);

describe('findUnscoped: which statements constrain account_id', () => {
  it.each([
    { sql: 'select * from contacts where account_id = $1 and phone = $2' },
    { sql: 'select * from contacts c where c.account_id = $1 and c.phone = $2' },
    { sql: 'update messages set status = $3 where account_id = $1 and id = $2 returning account_id' },
    { sql: 'delete from contacts where account_id = $1' },
    { sql: 'insert into contacts (account_id, phone) values ($1, $2) on conflict (account_id, phone) do update set phone = excluded.phone' },
    { sql: 'select m.*, d.decision from messages m join message_decisions d on d.account_id = m.account_id and d.message_id = m.id where m.account_id = $1' },
    { sql: 'with input as (select * from unnest($1::text[], $2::text[]) as u(account_id, id)) select m.id from messages m join input u on m.account_id = u.account_id and m.id = u.id' },
    { sql: 'select * from contacts where account_id = any($1::text[])' },
    { sql: 'select 1 from schema_migrations where id = $1' },
    { sql: 'create index contacts_phone on contacts (phone)' },
    { sql: "select * from contacts where phone = 'from messages' and account_id = $1 -- from sessions" },
    { sql: 'select * from contacts where phone is distinct from $2 and account_id = $1' },
    { sql: 'explain (format json) select * from contacts where account_id = $1' },
  ])('scoped: $sql', ({ sql }) => {
    expect(findUnscoped(sql, OWNED)).toEqual([]);
  });

  it.each([
    { sql: 'select * from contacts where phone = $1', tables: ['contacts'] },
    { sql: 'select account_id, phone from contacts where phone = $1', tables: ['contacts'] },
    { sql: 'select * from  "contacts"\n where phone = $1 order by account_id', tables: ['contacts'] },
    { sql: 'update messages set status = $1 where id = $2 returning account_id', tables: ['messages'] },
    { sql: 'delete from sessions where expires_at < $1', tables: ['sessions'] },
    { sql: 'select count(*) from messages', tables: ['messages'] },
    { sql: 'select * from public.contacts where phone = $1', tables: ['contacts'] },
    { sql: 'select * from accounts a, contacts c where a.account_id = $1 and c.phone = $2', tables: ['contacts c'] },
    { sql: 'select c.phone from contacts c join messages m on m.to_phone = c.phone where c.account_id = $1', tables: ['messages m'] },
    { sql: 'select * from contacts where phone = $1 and exists (select 1 from messages where account_id = $2)', tables: ['contacts'] },
    { sql: 'insert into consent_events (account_id, phone) select account_id, phone from contacts where phone = $1', tables: ['contacts'] },
    { sql: 'truncate contacts', tables: ['contacts'] },
    { sql: 'select 1; select * from contacts where phone = $1', tables: ['contacts'] },
    { sql: 'explain analyze select * from contacts where phone = $1', tables: ['contacts'] },
  ])('unscoped: $sql', ({ sql, tables }) => {
    expect(findUnscoped(sql, OWNED)).toMatchObject([{ why: 'unscoped', tables }]);
  });

  it('a join on account_id between two account-owned tables does not bind it to any account', () => {
    expect(findUnscoped('select * from contacts c join messages m on m.account_id = c.account_id and m.to_phone = c.phone where c.phone = $1', OWNED))
      .toMatchObject([{ why: 'only-joined', tables: ['contacts', 'messages'] }]);
    expect(findUnscoped('select * from contacts c join messages m using (account_id) where c.phone = $1', OWNED))
      .toMatchObject([{ why: 'only-joined' }]);
  });
});

describe(`every suite's database refuses unscoped statements (${testDbKind})`, () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb(); });
  afterAll(async () => { await t.close(); });

  it('a deliberately unscoped query fails through the test database, and fails the test even if caught', async () => {
    await expect(t.db.query('select * from contacts where phone = $1', ['+12125550123'])).rejects.toThrow(/contacts without constraining account_id/);
    // the code under test may swallow the error: the afterEach every suite runs (this check) still fails the test
    expect(() => { assertNoUnscoped(); }).toThrow(/unscoped statement\(s\) ran/);
    await t.db.query('select * from contacts where phone = $1', ['+12125550123']).catch(() => undefined);
    expect(() => { assertNoUnscoped(); }).toThrow(/select \* from contacts where phone = \$1/);
    expect(() => { assertNoUnscoped(); }).not.toThrow();
  });

  it('holds inside transactions and for scoped statements lets them through', async () => {
    await expect(t.db.transaction((tx) => tx.query('update messages set status = $1 where id = $2', ['failed', 'x']))).rejects.toThrow(/messages without/);
    expect(takeUnscoped()).toHaveLength(1);
    expect(await t.db.query('select * from contacts where account_id = $1 and phone = $2', ['acc', '+12125550123'])).toEqual([]);
  });

  it('every statement written in src/ is scoped or a listed global sweep, even one no suite runs', async () => {
    const owned = await new OwnedTables().get(t.unscoped);
    const written = writtenStatements('src');
    expect(written.length).toBeGreaterThan(50);
    const unscoped = written.filter((w) => findUnscoped(w.sql, owned).length > 0 && !isGlobalSweep(w.sql, w.file));
    expect(unscoped.map((w) => `${w.file}:${String(w.line)}`)).toEqual([]);
  });

  it('a table added later with an account_id column is covered with no list to update', async () => {
    await t.db.exec('create table notes (account_id text not null, body text not null)');
    await expect(t.db.query('select * from notes where body = $1', ['x'])).rejects.toThrow(/notes without/);
    expect(takeUnscoped()).toHaveLength(1);
    expect(await t.db.query('select * from notes where account_id = $1', ['acc'])).toEqual([]);
  });
});
