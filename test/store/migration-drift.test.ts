import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_RULES } from '../../src/core/alerts.js';
import { CONSENT_METHODS, REVOCATION_METHODS } from '../../src/core/consent-evidence.js';
import { DNC_SOURCES } from '../../src/core/do-not-call.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { CONSENT_EVENT_KINDS, MESSAGE_STATUSES } from '../../src/store/message-status.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * A database created today and one upgraded release by release must have the same schema; and the
 * closed lists the code writes must be the ones the check constraints allow. Read from the catalog
 * of the test's own schema (public on PGlite, t_<random> on PostgreSQL), with that name masked.
 */
const CATALOG: Record<string, string> = {
  tables: `select table_name::text as t, table_type::text as type from information_schema.tables
    where table_schema = current_schema() order by 1`,
  columns: `select table_name::text as t, column_name::text as c, ordinal_position::int as pos, data_type::text as type,
      udt_name::text as udt, character_maximum_length::int as len, is_nullable::text as nullable, column_default::text as dflt,
      is_identity::text as ident, identity_generation::text as ident_gen, is_generated::text as gen, generation_expression::text as gen_expr
    from information_schema.columns where table_schema = current_schema() order by 1, 2`,
  constraints: `select conrelid::regclass::text as t, conname::text as name, contype::text as type, convalidated as valid,
      pg_get_constraintdef(oid) as def
    from pg_constraint where connamespace = current_schema()::regnamespace order by 1, 2`,
  indexes: `select tablename::text as t, indexname::text as name, indexdef::text as def
    from pg_indexes where schemaname = current_schema() order by 1, 2`,
  triggers: `select tgrelid::regclass::text as t, tgname::text as name, pg_get_triggerdef(tr.oid) as def
    from pg_trigger tr join pg_class c on c.oid = tr.tgrelid
    where c.relnamespace = current_schema()::regnamespace and not tr.tgisinternal order by 1, 2`,
  functions: `select proname::text as name, pg_get_function_identity_arguments(oid) as args, pg_get_function_result(oid) as result, prosrc as src
    from pg_proc where pronamespace = current_schema()::regnamespace order by 1, 2`,
  views: `select viewname::text as name, definition::text as def from pg_views where schemaname = current_schema() order by 1`,
  sequences: `select c.relname::text as name, s.seqtypid::regtype::text as type, s.seqstart::text as start, s.seqincrement::text as inc
    from pg_sequence s join pg_class c on c.oid = s.seqrelid where c.relnamespace = current_schema()::regnamespace order by 1`,
};

async function schemaOf(db: Db): Promise<Record<string, unknown[]>> {
  const [{ schema }] = (await db.query<{ schema: string }>('select current_schema() as schema')) as [{ schema: string }];
  const out: Record<string, unknown[]> = {};
  for (const [part, sql] of Object.entries(CATALOG)) {
    const rows = await db.query(sql);
    out[part] = JSON.parse(JSON.stringify(rows).replaceAll(`${schema}.`, 'S.')) as unknown[];
  }
  return out;
}

/** The quoted values of a check constraint, in order: `CHECK ((status = ANY (ARRAY['a'::text, ...])))`. */
function checkValues(def: string): string[] {
  return [...def.matchAll(/'([^']*)'::text/g)].map((m) => m[1] ?? '');
}

describe('schema drift between a fresh and an upgraded database', () => {
  let fresh: TestDb;
  let upgraded: TestDb;
  let freshSchema: Record<string, unknown[]>;
  let upgradedSchema: Record<string, unknown[]>;

  beforeAll(async () => {
    fresh = await createTestDb();
    // one release at a time: a separate migrate() per prefix, as each deploy would run it
    upgraded = await createTestDb([]);
    for (let k = 1; k <= MIGRATIONS.length; k++) {
      const applied = await migrate(upgraded.unscoped, MIGRATIONS.slice(0, k));
      expect(applied).toEqual([MIGRATIONS[k - 1]?.id]);
    }
    [freshSchema, upgradedSchema] = [await schemaOf(fresh.unscoped), await schemaOf(upgraded.unscoped)];
  });
  afterAll(async () => {
    await fresh.close();
    await upgraded.close();
  });

  it('has every migration applied on both', async () => {
    const ids = MIGRATIONS.map((m) => m.id);
    for (const t of [fresh, upgraded]) {
      const rows = await t.unscoped.query<{ id: number }>('select id from schema_migrations order by id');
      expect(rows.map((r) => r.id)).toEqual(ids);
    }
  });

  it.each(Object.keys(CATALOG))('has the same %s', (part) => {
    const [a, b] = [freshSchema, upgradedSchema];
    // the schema has no triggers, functions or views yet: compared all the same, for when it does
    if (!['triggers', 'functions', 'views'].includes(part)) expect(a[part]?.length, `no ${part} read`).toBeGreaterThan(0);
    expect(b[part], `the ${part} of a database upgraded step by step differ from a fresh one's: a released migration changed; restore it and add a new one`).toEqual(a[part]);
  });

  it('notices a released migration that changed', async () => {
    // as if do_not_call's migration had been edited after release to allow one more source
    const edited = MIGRATIONS.map((m) => (m.id === 14 ? { ...m, sql: m.sql.replace("'internal')", "'internal', 'vendor')") } : m));
    expect(edited.find((m) => m.id === 14)?.sql).toContain("'vendor'");
    const other = await createTestDb(edited);
    try {
      expect((await schemaOf(other.unscoped)).constraints).not.toEqual(freshSchema.constraints);
    } finally {
      await other.close();
    }
  });

  // A migration spells its lists out: growing one in code needs a new migration that alters the constraint.
  it.each([
    ['messages', 'messages_status_check', [MESSAGE_STATUSES]],
    ['message_events', 'message_events_status_check', [MESSAGE_STATUSES]],
    ['consent_events', 'consent_events_kind_check', [CONSENT_EVENT_KINDS]],
    ['alerts', 'alerts_rule_check', [ALERT_RULES]],
    ['consent_events', 'consent_events_method_check', [REVOCATION_METHODS, CONSENT_METHODS]],
    ['do_not_call', 'do_not_call_source_check', [DNC_SOURCES]],
  ] as const)('%s.%s allows exactly the code\'s list', async (table, name, lists) => {
    for (const t of [fresh, upgraded]) {
      const rows = await t.unscoped.query<{ def: string }>(
        `select pg_get_constraintdef(oid) as def from pg_constraint where conname = $1 and conrelid = $2::regclass`,
        [name, table],
      );
      expect(rows).toHaveLength(1);
      const want = lists.flatMap((l) => [...l]);
      // consent_events_method_check also names 'revoked' (the kind it branches on) first
      const got = checkValues(rows[0]?.def ?? '').filter((v) => !(name === 'consent_events_method_check' && v === 'revoked'));
      expect(got, `${name} and the code disagree: add a migration that alters the constraint to the code's list`).toEqual(want);
    }
  });
});
