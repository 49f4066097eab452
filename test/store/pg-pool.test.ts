import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPgPool } from '../../src/store/pg.js';
import { testDbKind } from '../helpers/db.js';

// The pool behaviour of the pg driver only: PGlite has one in-process connection and no pool.
describe.runIf(testDbKind === 'postgres')('a transaction whose ROLLBACK fails', () => {
  const url = process.env.DATABASE_URL ?? '';
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => { await admin.end(); });

  const pid = async (db: ReturnType<typeof fromPgPool>): Promise<number> =>
    (await db.query<{ pid: number }>('select pg_backend_pid() as pid'))[0]?.pid ?? -1;

  it('destroys the client instead of returning it to the pool', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    // a client that is still connected but whose ROLLBACK fails: only release(err) keeps it out of the pool
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) =>
        args[0] === 'rollback' ? Promise.reject(new Error('rollback failed')) : query(...args);
    });
    const db = fromPgPool(pool);
    try {
      let inside = -1;
      await expect(db.transaction(async (tx) => {
        inside = await pid(tx);
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(pool.totalCount).toBe(0);
      const next = await db.transaction((tx) => pid(tx));
      expect(next).not.toBe(inside);
    } finally {
      await db.close();
    }
  });

  it('a backend terminated mid-transaction is not reused and the pool keeps working', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const errors: Error[] = [];
    pool.on('error', (e) => errors.push(e));
    const db = fromPgPool(pool);
    try {
      let inside = -1;
      await expect(db.transaction(async (tx) => {
        inside = await pid(tx);
        await admin.query('select pg_terminate_backend($1)', [inside]);
        await new Promise((r) => setTimeout(r, 50)); // let the FATAL arrive while no statement runs
        throw new Error('boom');
      })).rejects.toThrow('boom');
      const next = await db.transaction((tx) => pid(tx));
      expect(next).not.toBe(inside);
      expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});
