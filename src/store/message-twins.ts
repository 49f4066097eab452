import { schemaLockKeySql } from './advisory-lock.js';
import type { Db } from './db.js';

/*
 * Twins are messages of one account with the same recipient, sender and body. A provider that can be
 * searched only by what was sent (Twilio: To, From, Body, date; SmsProvider.findSent) cannot tell
 * twins apart, so at most one twin may be unresolved (`sending` or `unknown` without a provider id)
 * at a time: then whatever the provider has of that content, beyond the provider ids already
 * recorded on its twins, can only be that one message (docs/providers.md).
 */

/**
 * Serialises claimers of the same content until their transactions end (PostgreSQL; PGlite has one
 * connection). Taken in one order, so two claimers never deadlock on them.
 */
export async function lockTwinContent(db: Db, claimed: readonly { accountId: string; id: string }[]): Promise<void> {
  if (db.kind === 'pglite' || claimed.length === 0) return;
  await db.query(
    `select pg_advisory_xact_lock(k) from (
       select distinct ${schemaLockKeySql("'twin' || chr(31) || m.account_id || chr(31) || m.to_phone || chr(31) || m.from_phone || chr(31) || m.body")} as k
         from unnest($1::text[], $2::text[]) as u(account_id, id)
         join messages m on m.account_id = u.account_id and m.id = u.id
        where m.from_phone is not null
        order by k
     ) keys`,
    [claimed.map((c) => c.accountId), claimed.map((c) => c.id)],
  );
}

/**
 * The ids among `claimed` that have an unresolved twin outside `claimed` (committed by another
 * claimer, or left `unknown`). Run after lockTwinContent, so a concurrent claim of a twin is seen.
 */
export async function selectClaimedWithUnresolvedTwin(db: Db, claimed: readonly { accountId: string; id: string }[]): Promise<Set<string>> {
  if (claimed.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    `select c.id from unnest($1::text[], $2::text[]) as u(account_id, id)
       join messages c on c.account_id = u.account_id and c.id = u.id
      where c.from_phone is not null and exists (
        select 1 from messages s
         where s.account_id = c.account_id and s.to_phone = c.to_phone and s.from_phone = c.from_phone and s.body = c.body
           and s.status in ('sending', 'unknown') and s.provider_message_id is null
           and s.id <> all($2::text[]))`,
    [claimed.map((c) => c.accountId), claimed.map((c) => c.id)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Provider ids already recorded on the twins of a message: whatever the provider lists with them is
 * not this message. Every twin, however old (a scheduled twin may have been created days earlier
 * and sent just before this one's claim).
 */
export async function selectTwinProviderIds(
  db: Db, m: { accountId: string; id: string; toPhone: string; fromPhone: string; body: string },
): Promise<string[]> {
  const rows = await db.query<{ provider_message_id: string }>(
    `select provider_message_id from messages
      where account_id = $1 and to_phone = $2 and from_phone = $3 and body = $4 and id <> $5
        and provider_message_id is not null`,
    [m.accountId, m.toPhone, m.fromPhone, m.body, m.id],
  );
  return rows.map((r) => r.provider_message_id);
}
