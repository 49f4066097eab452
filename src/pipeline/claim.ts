import { evaluate, type EvaluateRequest } from '../core/policy.js';
import { selectAccount, type AccountRow } from '../store/accounts.js';
import type { Db } from '../store/db.js';
import { insertMessageEvent } from '../store/message-events.js';
import { claimBatch, updateMessageStatus, type ClaimRow } from '../store/messages.js';
import { buildEvaluateRequests } from './context.js';

/** A claimed message, committed as `sending`, ready for the provider. */
export interface ClaimedMessage {
  message: ClaimRow;
  accountSid: string;
}

/** What the re-evaluation at dispatch decided for a claimed message that must not be sent now. */
interface Redecision {
  message: ClaimRow;
  status: 'blocked' | 'scheduled';
  runAt: Date | null;
  reason: string;
  detail: Record<string, unknown>;
}

/**
 * Claims due queued messages and re-evaluates each before any provider call. The claim (queued →
 * `sending`, with each message's `sending` event) is one statement, so one transaction, committed
 * first; the re-evaluation then reads the store as it is after that commit (an opt-out, a DND flag
 * or a quiet-hour change that arrived since acceptance wins, as does one that arrived while the
 * claim ran), with the context reads of the batch running side by side. Blocked ones become
 * `blocked`, deferred ones `scheduled` at the new sendAt, each with its event, before the ready ones
 * are returned. A crash after the claim leaves `sending`: the lease turns it into `unknown` and the
 * reconciler, finding that the provider never had it, queues it again, to be evaluated again.
 */
export async function claimForDispatch(db: Db, q: { workerId: string; now: Date; limit: number }): Promise<ClaimedMessage[]> {
  const claimed = await claimBatch(db, q);
  if (claimed.length === 0) return [];
  const accountIds = [...new Set(claimed.map((m) => m.accountId))];
  const accounts = new Map<string, AccountRow>();
  await Promise.all(accountIds.map(async (accountId) => {
    const account = await selectAccount(db, accountId);
    if (account === undefined) throw new Error(`message of missing account ${accountId}`);
    accounts.set(accountId, account);
  }));
  // the re-evaluation context of the whole batch: one query per table and account, side by side
  const requests = new Map<string, EvaluateRequest>();
  await Promise.all([...accounts].map(async ([accountId, account]) => {
    const todo = claimed.filter((m) => m.accountId === accountId && m.system === null);
    const built = await buildEvaluateRequests(db, account, todo.map((m) => ({
      message: { to: m.toPhone, from: m.fromPhone, body: m.body, purpose: m.purpose }, now: q.now, excludeId: m.id,
    })), { concurrent: true });
    todo.forEach((m, i) => requests.set(m.id, built[i] as EvaluateRequest));
  }));
  const ready: ClaimedMessage[] = [];
  const redecided: Redecision[] = [];
  for (const m of claimed) {
    const account = accounts.get(m.accountId) as AccountRow;
    const request = requests.get(m.id);
    if (request === undefined) {
      ready.push({ message: m, accountSid: account.sid });
      continue;
    }
    const decision = evaluate(request);
    const detail = { reasons: decision.reasons.filter((r) => r.severity === 'block' || r.severity === 'defer').map((r) => r.code), ruleSetVersion: decision.ruleSetVersion };
    if (decision.verdict === 'block') {
      redecided.push({ message: m, status: 'blocked', runAt: null, reason: 're-evaluated at dispatch: block', detail });
    } else if (decision.verdict === 'defer' && decision.sendAt !== undefined) {
      redecided.push({ message: m, status: 'scheduled', runAt: new Date(decision.sendAt), reason: 're-evaluated at dispatch: defer', detail: { ...detail, runAt: decision.sendAt } });
    } else {
      ready.push({ message: m, accountSid: account.sid });
    }
  }
  if (redecided.length > 0) await recordRedecisions(db, q.now, redecided);
  return ready;
}

/**
 * Moves the claimed messages the re-evaluation stopped out of `sending`, each with its event, in one
 * transaction. The claim's attempt is given back: a deferral or a block is not a send attempt.
 */
async function recordRedecisions(db: Db, now: Date, redecided: readonly Redecision[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const r of redecided) {
      const m = r.message;
      const moved = await updateMessageStatus(tx, m.accountId, m.id, { expect: ['sending'], attempts: m.attempts, status: r.status, now, runAt: r.runAt, attemptsDelta: -1 });
      if (moved !== undefined) await insertMessageEvent(tx, m.accountId, m.id, { status: r.status, at: now, reason: r.reason, detail: r.detail });
    }
  });
}
