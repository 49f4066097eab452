import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './db.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = /^cs_([0-9A-Za-z]{8})_([0-9A-Za-z]{32})$/;

function base62(length: number): string {
  // 248 = 4 × 62: rejecting bytes ≥ 248 keeps every character equally likely.
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += BASE62[b % 62] ?? '';
    }
  }
  return out;
}

/** sha256 hex of the whole key, as stored in api_keys.secret_hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key `cs_<8-char prefix>_<32-char secret>` (base62), its prefix and hash. The key is shown once. */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = base62(8);
  const key = `cs_${prefix}_${base62(32)}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** The prefix of a well-formed key, else undefined. */
export function apiKeyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

/** Constant-time comparison of a presented key with a stored hash. */
export function apiKeyMatches(key: string, secretHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Stores a key's prefix and hash for an account. */
export async function insertApiKey(db: Db, accountId: string, input: { prefix: string; secretHash: string; now: Date }): Promise<void> {
  await db.query('insert into api_keys (account_id, prefix, secret_hash, created_at) values ($1, $2, $3, $4)', [
    accountId,
    input.prefix,
    input.secretHash,
    input.now,
  ]);
}

/** The live (unrevoked) key with this prefix, whichever account owns it: authentication starts here. */
export async function selectLiveApiKey(db: Db, prefix: string): Promise<{ accountId: string; secretHash: string } | undefined> {
  const rows = await db.query<{ account_id: string; secret_hash: string }>(
    'select account_id, secret_hash from api_keys where prefix = $1 and revoked_at is null',
    [prefix],
  );
  const r = rows[0];
  return r === undefined ? undefined : { accountId: r.account_id, secretHash: r.secret_hash };
}

/** Revokes one of the account's keys; returns whether it existed and was live. */
export async function revokeApiKey(db: Db, accountId: string, prefix: string, now: Date): Promise<boolean> {
  const rows = await db.query('update api_keys set revoked_at = $3 where account_id = $1 and prefix = $2 and revoked_at is null returning prefix', [
    accountId,
    prefix,
    now,
  ]);
  return rows.length > 0;
}
