import { apiKeyPrefix } from '../../store/api-keys.js';
import { selectAccount } from '../../store/accounts.js';
import {
  deleteEndedSessions, generateSessionToken, hashSessionToken, insertSession, isSessionTokenShape, revokeSession, selectLiveSession, touchSession,
} from '../../store/sessions.js';
import { authenticateBearer } from './accounts.js';
import type { ServiceDeps } from '../shared/deps.js';
import { toAccountView, type AccountView } from './views.js';

/**
 * Idle timeout of a dashboard session: 12 hours. Long enough that a compliance manager who logs in
 * in the morning is not asked for the API key again during the working day; short enough that a
 * browser left logged in on a shared office computer is logged out by the next morning. The cookie
 * is httpOnly and SameSite=Strict, so script theft and cross-site use are already shut; what is
 * left is an unattended browser, which is what an idle timeout bounds (OWASP Session Management
 * Cheat Sheet, "Idle Timeout").
 */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

/** Absolute lifetime, however active the session: a week, then the key is asked for again. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

/** The idle expiry is written at most once a minute: a dashboard load makes many requests. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Name of the session cookie. */
export const SESSION_COOKIE = 'cs_session';

const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A session cookie value: `<accountId>.<token>`, so every lookup is by the account's key. */
function parseCookieValue(value: string): { accountId: string; tokenHash: string } | null {
  const dot = value.lastIndexOf('.');
  if (dot <= 0 || value.length > 200) return null;
  const accountId = value.slice(0, dot);
  const token = value.slice(dot + 1);
  if (!ACCOUNT_ID.test(accountId) || !isSessionTokenShape(token)) return null;
  return { accountId, tokenHash: hashSessionToken(token) };
}

function expiryFrom(now: Date, createdAt: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}

/**
 * Logs in with an API key: a new session for the key's account, or null when the key is not a live
 * one. The returned cookie value is shown once; only its hash is stored.
 */
export async function openSession(deps: ServiceDeps, key: string): Promise<{ cookieValue: string; account: AccountView; expiresAt: Date } | null> {
  const account = await authenticateBearer(deps, key);
  const keyPrefix = apiKeyPrefix(key);
  if (account === null || keyPrefix === undefined) return null;
  const now = deps.clock.now();
  const { token, tokenHash } = generateSessionToken();
  const expiresAt = expiryFrom(now, now);
  await deps.db.transaction(async (tx) => {
    // keep the table small: a login sweeps the account's sessions that ended a day ago or more
    await deleteEndedSessions(tx, account.accountId, new Date(now.getTime() - 24 * 60 * 60 * 1000));
    await insertSession(tx, { accountId: account.accountId, tokenHash, keyPrefix, now, expiresAt });
  });
  return { cookieValue: `${account.accountId}.${token}`, account, expiresAt };
}

/** The account of a live session cookie (sliding its idle expiry forward), or null. */
export async function authenticateSession(deps: ServiceDeps, cookieValue: string): Promise<AccountView | null> {
  const parsed = parseCookieValue(cookieValue);
  if (parsed === null) return null;
  const now = deps.clock.now();
  const session = await selectLiveSession(deps.db, parsed.accountId, parsed.tokenHash, now);
  if (session === undefined) return null;
  const row = await selectAccount(deps.db, session.accountId);
  if (row === undefined) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await touchSession(deps.db, session.accountId, session.tokenHash, { now, expiresAt: expiryFrom(now, session.createdAt) });
  }
  return toAccountView(row);
}

/** Logs out: revokes the session of this cookie value (nothing happens for an unknown one). */
export async function closeSession(deps: ServiceDeps, cookieValue: string): Promise<void> {
  const parsed = parseCookieValue(cookieValue);
  if (parsed === null) return;
  await revokeSession(deps.db, parsed.accountId, parsed.tokenHash, deps.clock.now());
}
