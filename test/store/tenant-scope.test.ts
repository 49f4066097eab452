import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { assertNoUnscoped, takeUnscoped } from '../helpers/scoped-db.js';
import { findUnscoped } from '../helpers/sql-scope.js';

const OWNED = new Set(['accounts', 'contacts', 'messages', 'message_decisions', 'consent_events', 'sessions']);

describe('findUnscoped: which statements constrain account_id', () => {
  it.each([
    ['select * from contacts where account_id = $1 and phone = $2'],
    ['select * from contacts c where c.account_id = $1 and c.phone = $2'],
    ['update messages set status = $3 where account_id = $1 and id = $2 returning account_id'],
    ['delete from contacts where account_id = $1'],
    ['insert into contacts (account_id, phone) values ($1, $2) on conflict (account_id, phone) do update set phone = excluded.phone'],
    ['select m.*, d.decision from messages m join message_decisions d on d.account_id = m.account_id and d.message_id = m.id where m.account_id = $1'],
    ['with input as (select * from unnest($1::text[], $2::text[]) as u(account_id, id)) select m.id from messages m join input u on m.account_id = u.account_id and m.id = u.id'],
    ['select * from contacts where account_id = any($1::text[])'],
    ['select 1 from schema_migrations where id = $1'],
    ['create index contacts_phone on contacts (phone)'],
    ["select * from contacts where phone = 'from messages' and account_id = $1 -- from sessions"],
    ['select * from contacts where phone is distinct from $2 and account_id = $1'],
    ['explain (format json) select * from contacts where account_id = $1'],
  ])('scoped: %s', (sql) => {
    expect(findUnscoped(sql, OWNED)).toEqual([]);
  });

  it.each([
    ['select * from contacts where phone = $1', ['contacts']],
    ['select account_id, phone from contacts where phone = $1', ['contacts']],
    ['select * from  "contacts"\n where phone = $1 order by account_id', ['contacts']],
    ['update messages set status = $1 where id = $2 returning account_id', ['messages']],
    ['delete from sessions where expires_at < $1', ['sessions']],
    ['select count(*) from messages', ['messages']],
    ['select * from public.contacts where phone = $1', ['contacts']],
    ['select * from accounts a, contacts c where a.account_id = $1 and c.phone = $2', ['contacts c']],
    ['select c.phone from contacts c join messages m on m.to_phone = c.phone where c.account_id = $1', ['messages m']],
    ['select * from contacts where phone = $1 and exists (select 1 from messages where account_id = $2)', ['contacts']],
    ['insert into consent_events (account_id, phone) select account_id, phone from contacts where phone = $1', ['contacts']],
    ['truncate contacts', ['contacts']],
    ['select 1; select * from contacts where phone = $1', ['contacts']],
    ['explain analyze select * from contacts where phone = $1', ['contacts']],
  ])('unscoped: %s', (sql, tables) => {
    const found = findUnscoped(sql, OWNED);
    expect(found).toHaveLength(1);
    if (tables.length > 0) expect(found[0]).toMatchObject({ why: 'unscoped', tables });
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

  it('a table added later with an account_id column is covered with no list to update', async () => {
    await t.db.exec('create table notes (account_id text not null, body text not null)');
    await expect(t.db.query('select * from notes where body = $1', ['x'])).rejects.toThrow(/notes without/);
    expect(takeUnscoped()).toHaveLength(1);
    expect(await t.db.query('select * from notes where account_id = $1', ['acc'])).toEqual([]);
  });
});
