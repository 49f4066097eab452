import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

/** An account as stored (camelCase). `settings` is the JSON the pipeline interprets. */
export interface AccountRow {
  accountId: string;
  sid: string;
  name: string;
  brandName: string;
  brandAliases: string[];
  helpText: string | null;
  settings: Record<string, unknown>;
  createdAt: Date;
}

interface RawAccount {
  account_id: string;
  sid: string;
  name: string;
  brand_name: string;
  brand_aliases: string[];
  help_text: string | null;
  settings: Record<string, unknown> | null;
  created_at: Date;
}

const COLUMNS = 'account_id, sid, name, brand_name, brand_aliases, help_text, settings, created_at';

function toRow(r: RawAccount): AccountRow {
  return {
    accountId: r.account_id,
    sid: r.sid,
    name: r.name,
    brandName: r.brand_name,
    brandAliases: r.brand_aliases,
    helpText: r.help_text,
    settings: r.settings ?? {},
    createdAt: r.created_at,
  };
}

/** A new account id: `acc_` + 16 hex digits. */
export function newAccountId(): string {
  return `acc_${randomBytes(8).toString('hex')}`;
}

/** A new Twilio-style account SID: `AC` + 32 hex digits. */
export function newAccountSid(): string {
  return `AC${randomBytes(16).toString('hex')}`;
}

/** Inserts an account; a duplicate name raises 23505 (accounts_name_key). */
export async function insertAccount(
  db: Db,
  input: { accountId: string; sid: string; name: string; brandName: string; now: Date },
): Promise<AccountRow> {
  const rows = await db.query<RawAccount>(
    `insert into accounts (account_id, sid, name, brand_name, created_at) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
    [input.accountId, input.sid, input.name, input.brandName, input.now],
  );
  return toRow(rows[0] as RawAccount);
}

/** The account with this id, or undefined. */
export async function selectAccount(db: Db, accountId: string): Promise<AccountRow | undefined> {
  const rows = await db.query<RawAccount>(`select ${COLUMNS} from accounts where account_id = $1`, [accountId]);
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** The account with this SID (webhooks, Twilio-compatible endpoint), or undefined. */
export async function selectAccountBySid(db: Db, sid: string): Promise<AccountRow | undefined> {
  const rows = await db.query<RawAccount>(`select ${COLUMNS} from accounts where sid = $1`, [sid]);
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** The account with this unique name, or undefined. */
export async function selectAccountByName(db: Db, name: string): Promise<AccountRow | undefined> {
  const rows = await db.query<RawAccount>(`select ${COLUMNS} from accounts where name = $1`, [name]);
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** Updates the editable fields of one account (undefined = unchanged); returns the new row. */
export async function updateAccountRow(
  db: Db,
  accountId: string,
  patch: { brandName?: string; brandAliases?: readonly string[]; helpText?: string | null; settings?: Record<string, unknown> },
): Promise<AccountRow | undefined> {
  const rows = await db.query<RawAccount>(
    `update accounts set
       brand_name = coalesce($2, brand_name),
       brand_aliases = coalesce($3::text[], brand_aliases),
       help_text = case when $4::boolean then $5 else help_text end,
       settings = case when $6::jsonb is null then settings else (
         -- merge by top-level key; a key set to null is removed
         select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(settings || $6::jsonb) where jsonb_typeof(value) <> 'null'
       ) end
     where account_id = $1 returning ${COLUMNS}`,
    [
      accountId,
      patch.brandName ?? null,
      patch.brandAliases ?? null,
      patch.helpText !== undefined,
      patch.helpText ?? null,
      patch.settings === undefined ? null : JSON.stringify(patch.settings),
    ],
  );
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** Every account id with its metrics and alert settings (jsonb `settings.metrics` / `settings.alerts`, or null). */
export async function selectAccountsForRollup(db: Db): Promise<{ accountId: string; metrics: unknown; alerts: unknown }[]> {
  const rows = await db.query<{ account_id: string; metrics: unknown; alerts: unknown }>(`select account_id, settings->'metrics' as metrics, settings->'alerts' as alerts from accounts order by account_id`);
  return rows.map((r) => ({ accountId: r.account_id, metrics: r.metrics, alerts: r.alerts }));
}

/** The account's metrics and alert settings (jsonb `settings.metrics` / `settings.alerts`, or null). */
export async function selectMetricsSettings(db: Db, accountId: string): Promise<{ metrics: unknown; alerts: unknown }> {
  const rows = await db.query<{ metrics: unknown; alerts: unknown }>(`select settings->'metrics' as metrics, settings->'alerts' as alerts from accounts where account_id = $1`, [accountId]);
  return { metrics: rows[0]?.metrics ?? null, alerts: rows[0]?.alerts ?? null };
}
