import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.js';

/** A dashboard session as stored (the token itself is never stored, only its sha256). */
export interface SessionRow {
  accountId: string;
  tokenHash: string;
  keyPrefix: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

interface RawSession {
  account_id: string;
  token_hash: string;
  key_prefix: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 's.account_id, s.token_hash, s.key_prefix, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at';

function toRow(r: RawSession): SessionRow {
  return {
    accountId: r.account_id,
    tokenHash: r.token_hash,
    keyPrefix: r.key_prefix,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

/** Shape of a session token: 43 base64url characters (32 random bytes). Anything else is not ours. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new session token (256 random bits, base64url) and the hash that is stored for it. */
export function generateSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

/** sha256 hex of a token, as stored in sessions.token_hash. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a cookie value has the shape of a session token (checked before any database work). */
export function isSessionTokenShape(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** Stores a new session. */
export async function insertSession(
  db: Db,
  input: { accountId: string; tokenHash: string; keyPrefix: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `insert into sessions (account_id, token_hash, key_prefix, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $4, $5)`,
    [input.accountId, input.tokenHash, input.keyPrefix, input.now, input.expiresAt],
  );
}

/**
 * The account's live session with this token hash: not revoked, not expired at `now`, and the API
 * key it was opened with still live (revoking a key ends the browser sessions it opened).
 */
export async function selectLiveSession(db: Db, accountId: string, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  const rows = await db.query<RawSession>(
    `select ${COLUMNS}
       from sessions s
       join api_keys k on k.account_id = s.account_id and k.prefix = s.key_prefix
      where s.account_id = $1 and s.token_hash = $2 and s.revoked_at is null and s.expires_at > $3 and k.revoked_at is null`,
    [accountId, tokenHash, now],
  );
  const r = rows[0];
  return r === undefined ? undefined : toRow(r);
}

/** Slides a live session's idle expiry forward. */
export async function touchSession(db: Db, accountId: string, tokenHash: string, input: { now: Date; expiresAt: Date }): Promise<void> {
  await db.query(
    'update sessions set last_seen_at = $3, expires_at = $4 where account_id = $1 and token_hash = $2 and revoked_at is null and expires_at > $3',
    [accountId, tokenHash, input.now, input.expiresAt],
  );
}

/** Revokes one session (logout); returns whether it was live. */
export async function revokeSession(db: Db, accountId: string, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    'update sessions set revoked_at = $3 where account_id = $1 and token_hash = $2 and revoked_at is null returning token_hash',
    [accountId, tokenHash, now],
  );
  return rows.length > 0;
}

/** Deletes the account's sessions that expired or were revoked before `before`; returns how many. */
export async function deleteEndedSessions(db: Db, accountId: string, before: Date): Promise<number> {
  const rows = await db.query(
    'delete from sessions where account_id = $1 and (expires_at < $2 or revoked_at < $2) returning token_hash',
    [accountId, before],
  );
  return rows.length;
}
