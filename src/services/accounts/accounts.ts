import { isAlertRule, thresholdProblem } from '../../core/alerts.js';
import { UserError } from '../../errors.js';
import { apiKeyMatches, apiKeyPrefix, generateApiKey, insertApiKey, selectLiveApiKey } from '../../store/api-keys.js';
import {
  insertAccount,
  newAccountId,
  newAccountSid,
  selectAccount,
  selectAccountByName,
  selectAccountBySid,
  updateAccountRow,
} from '../../store/accounts.js';
import { UNIQUE_VIOLATION, sqlState } from '../../store/db.js';
import type { Db } from '../../store/db.js';
import type { ServiceDeps } from '../shared/deps.js';
import { toAccountView, type AccountSettingsPatch, type AccountView } from './views.js';

async function addKey(db: Db, accountId: string, now: Date): Promise<string> {
  const k = generateApiKey();
  await insertApiKey(db, accountId, { prefix: k.prefix, secretHash: k.secretHash, now });
  return k.key;
}

/** Creates an account with its SID and a first API key (shown once). A taken name → CONFLICT. */
export async function createAccount(deps: ServiceDeps, input: { name: string; brandName?: string }): Promise<{ account: AccountView; key: string }> {
  const name = input.name.trim();
  if (name === '') throw new UserError('INVALID_INPUT', 'account name must not be empty', { field: 'name' });
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await insertAccount(tx, { accountId: newAccountId(), sid: newAccountSid(), name, brandName: input.brandName ?? name, now });
      return { account: toAccountView(row), key: await addKey(tx, row.accountId, now) };
    });
  } catch (e) {
    if (sqlState(e) === UNIQUE_VIOLATION) throw new UserError('ACCOUNT_NAME_TAKEN', `an account named "${name}" already exists`, { cause: e, field: 'name' });
    throw e;
  }
}

/** Adds an API key to an account and returns it (the only time it is shown). */
export async function createApiKey(deps: ServiceDeps, accountId: string): Promise<string> {
  await getAccount(deps, accountId);
  return addKey(deps.db, accountId, deps.clock.now());
}

/** The account named `name` with a new key, creating the account first when it does not exist. */
export async function findOrCreateAccountKey(deps: ServiceDeps, name: string): Promise<{ account: AccountView; key: string; created: boolean }> {
  const existing = await selectAccountByName(deps.db, name.trim());
  if (existing !== undefined) return { account: toAccountView(existing), key: await addKey(deps.db, existing.accountId, deps.clock.now()), created: false };
  try {
    return { ...(await createAccount(deps, { name })), created: true };
  } catch (e) {
    // another process created it between our read and our insert
    if (!(e instanceof UserError && e.code === 'ACCOUNT_NAME_TAKEN')) throw e;
    const row = await selectAccountByName(deps.db, name.trim());
    if (row === undefined) throw e;
    return { account: toAccountView(row), key: await addKey(deps.db, row.accountId, deps.clock.now()), created: false };
  }
}

/** The account owning a live Bearer key, or null (malformed, unknown, revoked or wrong secret). */
export async function authenticateBearer(deps: ServiceDeps, key: string): Promise<AccountView | null> {
  const prefix = apiKeyPrefix(key);
  if (prefix === undefined) return null;
  const stored = await selectLiveApiKey(deps.db, prefix);
  if (stored === undefined || !apiKeyMatches(key, stored.secretHash)) return null;
  const row = await selectAccount(deps.db, stored.accountId);
  return row === undefined ? null : toAccountView(row);
}

/** HTTP Basic (Twilio-compatible endpoint): the key must belong to the account with this SID. */
export async function authenticateBasic(deps: ServiceDeps, accountSid: string, key: string): Promise<AccountView | null> {
  const account = await authenticateBearer(deps, key);
  return account !== null && account.sid === accountSid ? account : null;
}

/** Accounts by SID, per database: status callbacks look one up for every message. */
const bySid = new WeakMap<Db, Map<string, AccountView>>();
const BY_SID_MAX = 1_000;

/**
 * The account with this SID (webhooks), or null. Served from a small per-process cache: the SID →
 * account id mapping never changes, which is all status handling needs; the other fields may lag
 * an update made by another process, so handleInbound re-reads the account before it uses its
 * settings. updateAccount in this process drops the entry.
 */
export async function findAccountBySid(deps: ServiceDeps, sid: string): Promise<AccountView | null> {
  const cache = bySid.get(deps.db);
  const hit = cache?.get(sid);
  if (hit !== undefined) return hit;
  const row = await selectAccountBySid(deps.db, sid);
  if (row === undefined) return null;
  const view = toAccountView(row);
  const map = cache ?? new Map<string, AccountView>();
  if (cache === undefined) bySid.set(deps.db, map);
  if (map.size >= BY_SID_MAX) map.delete(map.keys().next().value as string);
  map.set(sid, view);
  return view;
}

/** The account, or NOT_FOUND. */
export async function getAccount(deps: ServiceDeps, accountId: string): Promise<AccountView> {
  const row = await selectAccount(deps.db, accountId);
  if (row === undefined) throw new UserError('NOT_FOUND', `account ${accountId} not found`);
  bySid.get(deps.db)?.delete(row.sid);
  return toAccountView(row);
}

/**
 * Updates brand name, aliases, HELP text and settings. Settings merge by top-level key: a group the
 * patch names (quietHours, keywords, alertWebhookUrl, metrics, alerts, consent) replaces the stored one, a
 * group set to null is removed, the others are kept (so saving the webhook URL does not wipe the
 * alert thresholds).
 */
export async function updateAccount(
  deps: ServiceDeps,
  accountId: string,
  patch: { brandName?: string; brandAliases?: string[]; helpText?: string | null; settings?: AccountSettingsPatch },
): Promise<AccountView> {
  if (patch.brandName?.trim() === '') throw new UserError('INVALID_INPUT', 'brandName must not be empty', { field: 'brandName' });
  for (const [rule, value] of Object.entries(patch.settings?.alerts ?? {})) {
    const problem = isAlertRule(rule) && value?.threshold !== undefined ? thresholdProblem(rule, value.threshold) : null;
    if (problem !== null) throw new UserError('INVALID_INPUT', problem, { field: `settings.alerts.${rule}.threshold` });
  }
  const row = await updateAccountRow(deps.db, accountId, {
    brandName: patch.brandName?.trim(),
    brandAliases: patch.brandAliases,
    helpText: patch.helpText,
    settings: patch.settings,
  });
  if (row === undefined) throw new UserError('NOT_FOUND', `account ${accountId} not found`);
  bySid.get(deps.db)?.delete(row.sid);
  return toAccountView(row);
}
