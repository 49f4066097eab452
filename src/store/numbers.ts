import type { Db } from './db.js';

/** A sender number of an account. */
export interface NumberRow {
  phone: string;
  provider: string;
  registered: boolean;
  campaignId: string | null;
  usableFrom: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface RawNumber {
  phone: string;
  provider: string;
  registered: boolean;
  campaign_id: string | null;
  usable_from: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'phone, provider, registered, campaign_id, usable_from, created_at, updated_at';

function toRow(r: RawNumber): NumberRow {
  return {
    phone: r.phone,
    provider: r.provider,
    registered: r.registered,
    campaignId: r.campaign_id,
    usableFrom: r.usable_from,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Inserts or replaces one sender number of the account. A phone has one owner (unique index
 * numbers_phone_key): undefined, and nothing written, when another account holds it.
 */
export async function upsertNumber(
  db: Db,
  accountId: string,
  phone: string,
  input: { provider: string; registered: boolean; campaignId: string | null; usableFrom: Date | null; now: Date },
): Promise<NumberRow | undefined> {
  const rows = await db.query<RawNumber>(
    `insert into numbers (account_id, phone, provider, registered, campaign_id, usable_from, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7)
     on conflict (phone) do update set provider = excluded.provider, registered = excluded.registered,
       campaign_id = excluded.campaign_id, usable_from = excluded.usable_from, updated_at = excluded.updated_at
       where numbers.account_id = excluded.account_id
     returning ${COLUMNS}`,
    [accountId, phone, input.provider, input.registered, input.campaignId, input.usableFrom, input.now],
  );
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** Every sender number of the account, by phone. */
export async function selectNumbers(db: Db, accountId: string): Promise<NumberRow[]> {
  const rows = await db.query<RawNumber>(`select ${COLUMNS} from numbers where account_id = $1 order by phone`, [accountId]);
  return rows.map(toRow);
}

/** One sender number of the account, or undefined. */
export async function selectNumber(db: Db, accountId: string, phone: string): Promise<NumberRow | undefined> {
  const rows = await db.query<RawNumber>(`select ${COLUMNS} from numbers where account_id = $1 and phone = $2`, [accountId, phone]);
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** The account's sender numbers among `phones`, by phone (one query for a batch). */
export async function selectNumbersByPhones(db: Db, accountId: string, phones: readonly string[]): Promise<Map<string, NumberRow>> {
  if (phones.length === 0) return new Map();
  const rows = await db.query<RawNumber>(`select ${COLUMNS} from numbers where account_id = $1 and phone = any($2::text[])`, [accountId, phones]);
  return new Map(rows.map((r) => [r.phone, toRow(r)]));
}

/** The account's registered number whose registration propagates soonest ($1 account, $3 now). */
const PROPAGATING_SOONEST = `select phone from numbers where account_id = $1 and registered and usable_from > $3 order by usable_from, phone limit 1`;

/**
 * The sender for each text whose caller named none, for many recipients in one query (usable:
 * registered and past usable_from): for each `to`, the usable number that last texted it, else the least busy usable number (the same one for every new recipient of the batch),
 * else the registered number usable soonest (still propagating). A recipient with none is absent.
 */
export async function pickSenderNumbers(db: Db, accountId: string, tos: readonly string[], now: Date): Promise<Map<string, string>> {
  if (tos.length === 0) return new Map();
  const rows = await db.query<{ to_phone: string; phone: string | null }>(
    `with usable as (
       select phone from numbers
        where account_id = $1 and registered and (usable_from is null or usable_from <= $3)
     ), least_busy as (
       select u.phone from usable u
        order by (select count(*) from messages m
                   where m.account_id = $1 and m.from_phone = u.phone and m.created_at > $3::timestamptz - interval '24 hours'), u.phone
        limit 1
     )
     select k.to_phone, coalesce(
              (select m.from_phone from messages m
                where m.account_id = $1 and m.to_phone = k.to_phone and m.from_phone in (select phone from usable)
                order by m.created_at desc limit 1),
              (select phone from least_busy),
              (${PROPAGATING_SOONEST})) as phone
       from (select distinct unnest($2::text[]) as to_phone) k`,
    [accountId, tos, now],
  );
  return new Map(rows.flatMap((r) => (r.phone === null ? [] : [[r.to_phone, r.phone] as [string, string]])));
}

/** The account's numbers with their per-minute limits, by phone. */
export async function selectNumberLimits(db: Db, accountId: string): Promise<{ phone: string; limitPerMinute: number | null }[]> {
  const rows = await db.query<{ phone: string; limit_per_minute: number | null }>('select phone, limit_per_minute from numbers where account_id = $1 order by phone', [accountId]);
  return rows.map((n) => ({ phone: n.phone, limitPerMinute: n.limit_per_minute }));
}
