import type { DncSource } from '../core/do-not-call.js';
import type { Db } from './db.js';

/** One entry of an account's do-not-call list. */
export interface DoNotCallRow {
  phone: string;
  source: DncSource;
  note: string | null;
  addedAt: Date;
}

interface RawDoNotCall {
  phone: string;
  source: DncSource;
  note: string | null;
  added_at: Date;
}

const COLUMNS = 'phone, source, note, added_at';

function toRow(r: RawDoNotCall): DoNotCallRow {
  return { phone: r.phone, source: r.source, note: r.note, addedAt: r.added_at };
}

/** Adds the numbers to the account's list, or replaces their source and note; returns the rows in input order. */
export async function upsertDoNotCall(
  db: Db,
  accountId: string,
  entries: readonly { phone: string; source: DncSource; note: string | null }[],
  now: Date,
): Promise<DoNotCallRow[]> {
  if (entries.length === 0) return [];
  const rows = await db.query<RawDoNotCall>(
    `insert into do_not_call (account_id, phone, source, note, added_at)
     select $1, u.phone, u.source, u.note, $5 from unnest($2::text[], $3::text[], $4::text[]) as u(phone, source, note)
     on conflict (account_id, phone) do update set source = excluded.source, note = excluded.note, added_at = excluded.added_at
     returning ${COLUMNS}`,
    [accountId, entries.map((e) => e.phone), entries.map((e) => e.source), entries.map((e) => e.note), now],
  );
  const byPhone = new Map(rows.map((r) => [r.phone, toRow(r)]));
  return entries.flatMap((e) => {
    const row = byPhone.get(e.phone);
    return row === undefined ? [] : [row];
  });
}

/** Removes one number from the account's list; false when it was not listed. */
export async function deleteDoNotCall(db: Db, accountId: string, phone: string): Promise<boolean> {
  const rows = await db.query<{ phone: string }>('delete from do_not_call where account_id = $1 and phone = $2 returning phone', [accountId, phone]);
  return rows.length > 0;
}

/** One page of the account's list, by phone, after `afterPhone` (keyset pagination). */
export async function selectDoNotCallPage(db: Db, accountId: string, afterPhone: string | null, limit: number): Promise<DoNotCallRow[]> {
  const rows = await db.query<RawDoNotCall>(
    `select ${COLUMNS} from do_not_call where account_id = $1 and ($2::text is null or phone > $2) order by phone limit $3`,
    [accountId, afterPhone, limit],
  );
  return rows.map(toRow);
}

/** The entries of these numbers on the account's list, by phone (the decision context reads them). */
export async function selectDoNotCallByPhones(db: Db, accountId: string, phones: readonly string[]): Promise<Map<string, DoNotCallRow>> {
  if (phones.length === 0) return new Map();
  const rows = await db.query<RawDoNotCall>(`select ${COLUMNS} from do_not_call where account_id = $1 and phone = any($2::text[])`, [accountId, phones]);
  return new Map(rows.map((r) => [r.phone, toRow(r)]));
}
