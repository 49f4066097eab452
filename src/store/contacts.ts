import type { Db } from './db.js';

/** A recipient of an account. */
export interface ContactRow {
  phone: string;
  timezone: string | null;
  state: string | null;
  lineType: string | null;
  dnd: boolean;
  dndCause: string | null;
  dndAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface RawContact {
  phone: string;
  timezone: string | null;
  state: string | null;
  line_type: string | null;
  dnd: boolean;
  dnd_cause: string | null;
  dnd_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'phone, timezone, state, line_type, dnd, dnd_cause, dnd_at, created_at, updated_at';

function toRow(r: RawContact): ContactRow {
  return {
    phone: r.phone,
    timezone: r.timezone,
    state: r.state,
    lineType: r.line_type,
    dnd: r.dnd,
    dndCause: r.dnd_cause,
    dndAt: r.dnd_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Creates the contact when it does not exist yet (consent events reference it). */
export async function ensureContact(db: Db, accountId: string, phone: string, now: Date): Promise<void> {
  await db.query(
    'insert into contacts (account_id, phone, created_at, updated_at) values ($1, $2, $3, $3) on conflict (account_id, phone) do nothing',
    [accountId, phone, now],
  );
}

/**
 * Creates or updates a contact; undefined fields keep their value (null clears it). Setting
 * `dnd` records its cause (default `manual`) and time; clearing it clears both.
 */
export async function upsertContact(
  db: Db,
  accountId: string,
  phone: string,
  input: { timezone?: string | null; state?: string | null; lineType?: string | null; dnd?: boolean; dndCause?: string; now: Date },
): Promise<ContactRow> {
  const rows = await db.query<RawContact>(
    `insert into contacts (account_id, phone, timezone, state, line_type, dnd, dnd_cause, dnd_at, created_at, updated_at)
     values ($1, $2, $4, $6, $8, coalesce($9, false), case when $9 then $10 end, case when $9 then $11::timestamptz end, $11, $11)
     on conflict (account_id, phone) do update set
       timezone = case when $3 then excluded.timezone else contacts.timezone end,
       state = case when $5 then excluded.state else contacts.state end,
       line_type = case when $7 then excluded.line_type else contacts.line_type end,
       dnd = coalesce($9, contacts.dnd),
       dnd_cause = case when $9 is null then contacts.dnd_cause when $9 then $10 else null end,
       dnd_at = case when $9 is null then contacts.dnd_at when $9 and contacts.dnd then contacts.dnd_at when $9 then $11 else null end,
       updated_at = $11
     returning ${COLUMNS}`,
    [
      accountId,
      phone,
      input.timezone !== undefined,
      input.timezone ?? null,
      input.state !== undefined,
      input.state ?? null,
      input.lineType !== undefined,
      input.lineType ?? null,
      input.dnd ?? null,
      input.dndCause ?? 'manual',
      input.now,
    ],
  );
  return toRow(rows[0] as RawContact);
}

/** One contact of the account, or undefined. */
export async function selectContact(db: Db, accountId: string, phone: string): Promise<ContactRow | undefined> {
  const rows = await db.query<RawContact>(`select ${COLUMNS} from contacts where account_id = $1 and phone = $2`, [accountId, phone]);
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** The account's contacts among `phones`, by phone (one query for a batch). */
export async function selectContactsByPhones(db: Db, accountId: string, phones: readonly string[]): Promise<Map<string, ContactRow>> {
  if (phones.length === 0) return new Map();
  const rows = await db.query<RawContact>(`select ${COLUMNS} from contacts where account_id = $1 and phone = any($2::text[])`, [accountId, phones]);
  return new Map(rows.map((r) => [r.phone, toRow(r)]));
}
