import { normaliseSql } from './sql-scope.js';

/**
 * The statements allowed to span accounts, each with why. Everything else that touches an
 * account-owned table must constrain account_id (scoped-db.ts). A pattern matches the statement
 * whitespace-collapsed and lowercased; keep it specific enough to name one statement.
 */
export interface GlobalSweep {
  /** The function that sends it. */
  name: string;
  /** `sql` normalised (normaliseSql); `caller` the stack of the call that sent it. */
  matches: (sql: string, caller: string) => boolean;
  reason: string;
}

const pattern = (re: RegExp) => (sql: string) => re.test(sql);

export const GLOBAL_SWEEPS: readonly GlobalSweep[] = [
  {
    name: 'migrate (src/store/migrate.ts)',
    matches: (_sql, caller) => /[/\\]src[/\\]store[/\\]migrate\.[jt]s:/.test(caller),
    reason: 'a migration changes and backfills every account’s rows at once',
  },
  {
    name: 'contentsOf (src/cli/commands/db.ts)',
    matches: pattern(/^select \(select coalesce\(max\(id\), 0\)::int from schema_migrations\) as migration, \(select count\(\*\)::int from accounts\) as accounts/),
    reason: 'db backup and db restore count what the whole database they copy holds, every account together',
  },
  // The queue serves every account (ARCHITECTURE.md: the messages table is the queue; STYLE.md §7).
  {
    name: 'claimBatch (src/store/queue.ts)',
    matches: pattern(/^with next as \( select account_id, id from messages where status = 'queued' and run_at <= \$1 order by run_at, id limit \$2 for update skip locked \)/),
    reason: 'the dispatcher claims due queued messages of every account, oldest first',
  },
  {
    name: 'promoteScheduled (src/store/queue.ts)',
    matches: pattern(/^with due as \( select account_id, id from messages where status = 'scheduled' and run_at <= \$1 order by run_at, id limit \$2 for update skip locked \)/),
    reason: 'the scheduler queues the due scheduled messages of every account',
  },
  {
    name: 'releaseStaleClaims (src/store/queue.ts)',
    matches: pattern(/^with stale as \( select account_id, id from messages where status = 'sending' and locked_at < /),
    reason: 'expired claims of any worker, whatever the account, move to unknown',
  },
  {
    name: 'selectUnknown (src/store/queue.ts)',
    matches: pattern(/^(explain )?select m\.\*, d\.decision from messages m join message_decisions d on d\.account_id = m\.account_id and d\.message_id = m\.id where m\.status = 'unknown' and m\.updated_at <= \$2 order by m\.updated_at, m\.id limit \$1$/),
    reason: 'the reconciler asks the provider about unknown messages of every account',
  },
  // Background loops that visit every account, each then working account by account.
  {
    name: 'selectAlertAccounts (src/store/alerts.ts)',
    matches: pattern(/^select account_id, sid, settings from accounts order by account_id$/),
    reason: 'the alert evaluator walks every account (docs/alerts.md)',
  },
  {
    name: 'selectAccountsForRollup (src/store/accounts.ts)',
    matches: pattern(/^select account_id, settings->'metrics' as metrics, settings->'alerts' as alerts from accounts order by account_id$/),
    reason: 'the metrics rollup walks every account (docs/figures.md)',
  },
  {
    name: 'selectSentOverdue (src/store/queue.ts)',
    matches: pattern(/^(explain )?select m\.\*, d\.decision from messages m join message_decisions d on d\.account_id = m\.account_id and d\.message_id = m\.id where m\.status = 'sent' and m\.locked_at <= \$1/),
    reason: 'the reconciler asks the provider about overdue sent messages of every account (docs/providers.md)',
  },
  {
    name: 'releaseStaleDeliveries (src/store/outbox.ts)',
    matches: pattern(/^update (alert_deliveries|status_callback_deliveries) set status = 'pending', next_attempt_at = \$1, locked_by = null, locked_at = null where status = 'sending' and locked_at <= /),
    reason: 'the webhook outboxes (alerts, status callbacks) re-offer expired claims of any worker, whatever the account',
  },
  {
    name: 'claimDeliveries (src/store/outbox.ts)',
    matches: pattern(/^with next as \( select [a-z_, ]+ from (alert_deliveries|status_callback_deliveries) where status = 'pending' and next_attempt_at <= \$1 /),
    reason: 'each webhook outbox (alerts, status callbacks) is one queue for every account, like the messages queue',
  },
  // Entry points: the account is not known yet, it is what these find (each key is unique across accounts).
  {
    name: 'selectLiveApiKey (src/store/api-keys.ts)',
    matches: pattern(/^select account_id, secret_hash from api_keys where prefix = \$1 and revoked_at is null$/),
    reason: 'API-key authentication: the key’s prefix (api_keys_prefix_key) finds the account it belongs to',
  },
  {
    name: 'selectAccountBySid (src/store/accounts.ts)',
    matches: pattern(/^select [a-z_, ]+ from accounts where sid = \$1$/),
    reason: 'webhooks and the Twilio-compatible endpoint name the account by its SID (accounts_sid_key)',
  },
  {
    name: 'selectAccountByName (src/store/accounts.ts)',
    matches: pattern(/^select [a-z_, ]+ from accounts where name = \$1$/),
    reason: 'account names are unique across accounts (accounts_name_key): the CLI and account creation look one up by name',
  },
];

/** True when `sql` is one of the allowed global sweeps. */
export function isGlobalSweep(sql: string, caller: string): boolean {
  const s = normaliseSql(sql);
  return GLOBAL_SWEEPS.some((g) => g.matches(s, caller));
}
