import { evaluate } from '../../core/policy.js';
import type { Decision } from '../../core/types.js';
import { UserError, toError } from '../../errors.js';
import { selectAccount, type AccountRow } from '../../store/accounts.js';
import type { Db } from '../../store/db.js';
import { applyTransitions, type Transition } from '../../store/message-transitions.js';
import { claimBatch, type ClaimRow } from '../../store/queue.js';
import { lockTwinContent, selectClaimedWithUnresolvedTwin } from '../../store/message-twins.js';
import { buildEvaluateRequestsSettled, type SettledRequest } from './context.js';

/** A claimed message, committed as `sending`, ready for the provider. */
export interface ClaimedMessage {
  message: ClaimRow;
  accountSid: string;
}

/**
 * Error codes of a message that could not be decided at dispatch (stored as its error_code, so the
 * failure figures and alerts count it): a stored fact the caller must correct (a contact's unknown
 * time zone), or a fault of ours.
 */
export const DECISION_ERROR_CODES = { invalidContact: 'invalid_contact_data', internal: 'internal_decision_error' } as const;

type Decided = { ok: true; decision: Decision | undefined } | { ok: false; error: Error };

/** The decision of one claimed message; a failure to build its context or to decide stays with it. */
function decide(settled: SettledRequest | undefined): Decided {
  if (settled === undefined) return { ok: true, decision: undefined }; // a system message: not re-evaluated
  if (!settled.ok) return settled;
  try {
    return { ok: true, decision: evaluate(settled.request) };
  } catch (e) {
    return { ok: false, error: toError(e) };
  }
}

/**
 * Claims due queued messages and re-evaluates each inside the claiming transaction (an opt-out, a
 * DND flag or a quiet-hour change that arrived since acceptance wins): blocked ones become `blocked`,
 * deferred ones `scheduled` at the new sendAt, each with its event (one statement); the rest stay `sending`. The claim
 * statement itself writes every claimed message's `sending` event. The transaction commits before any
 * provider call, so a crash mid-call leaves `sending`; a crash before the commit leaves the batch queued.
 * A message whose context or decision throws becomes `failed` alone (DECISION_ERROR_CODES): one
 * account's bad data must not roll back, and so stall, every account's batch.
 */
export async function claimForDispatch(db: Db, q: { workerId: string; now: Date; limit: number }): Promise<ClaimedMessage[]> {
  return db.transaction(async (tx) => {
    const all = await claimBatch(tx, q);
    if (all.length === 0) return [];
    const { claimed, held } = await holdBackTwins(tx, all, q.now);
    const accounts = new Map<string, AccountRow>();
    for (const accountId of new Set(claimed.map((m) => m.accountId))) {
      const account = await selectAccount(tx, accountId);
      if (account === undefined) throw new Error(`message of missing account ${accountId}`);
      accounts.set(accountId, account);
    }
    // the re-evaluation context of the whole batch: one query per table and account
    const requests = new Map<string, SettledRequest>();
    for (const [accountId, account] of accounts) {
      const todo = claimed.filter((m) => m.accountId === accountId && m.system === null);
      const built = await buildEvaluateRequestsSettled(tx, account, todo.map((m) => ({
        message: { to: m.toPhone, from: m.fromPhone, body: m.body, purpose: m.purpose }, now: q.now, excludeId: m.id,
      })));
      todo.forEach((m, i) => requests.set(m.id, built[i] as SettledRequest));
    }
    const ready: ClaimedMessage[] = [];
    const redecided: Transition[] = [];
    for (const m of claimed) {
      const account = accounts.get(m.accountId) as AccountRow;
      const decided = decide(requests.get(m.id));
      // the claim's attempt is given back: a deferral, a block or a failure to decide is not a send attempt
      const base = { accountId: m.accountId, id: m.id, attempts: m.attempts, attemptsDelta: -1 };
      if (!decided.ok) {
        const errorCode = decided.error instanceof UserError ? DECISION_ERROR_CODES.invalidContact : DECISION_ERROR_CODES.internal;
        redecided.push({
          ...base, status: 'failed', runAt: null, errorCode, reason: 're-evaluated at dispatch: could not decide',
          detail: { code: errorCode, message: decided.error.message },
        });
        continue;
      }
      const decision = decided.decision;
      if (decision === undefined || decision.verdict === 'allow') {
        ready.push({ message: m, accountSid: account.sid });
        continue;
      }
      const detail = { reasons: decision.reasons.filter((r) => r.severity === 'block' || r.severity === 'defer').map((r) => r.code), ruleSetVersion: decision.ruleSetVersion };
      if (decision.verdict === 'block') {
        redecided.push({ ...base, status: 'blocked', runAt: null, reason: 're-evaluated at dispatch: block', detail });
      } else {
        const sendAt = decision.sendAt as string;
        redecided.push({ ...base, status: 'scheduled', runAt: new Date(sendAt), reason: 're-evaluated at dispatch: defer', detail: { ...detail, runAt: sendAt } });
      }
    }
    await applyTransitions(tx, ['sending'], q.now, [...held, ...redecided]);
    return ready;
  });
}

/**
 * How long a message waits when an identical text to the same recipient (a twin: same account,
 * recipient, sender and body) is still in flight: long enough for a normal send to be recorded.
 */
export const TWIN_HOLD_MS = 2_000;

/**
 * At most one twin is unresolved at a time (store/message-twins.ts): a claimed message with an
 * unresolved twin, outside this batch or earlier in it, goes back to `queued` for TWIN_HOLD_MS, its
 * attempt given back. This is what lets the reconciler's findSent tell twins apart.
 */
async function holdBackTwins(tx: Db, all: ClaimRow[], now: Date): Promise<{ claimed: ClaimRow[]; held: Transition[] }> {
  await lockTwinContent(tx, all);
  const blocked = await selectClaimedWithUnresolvedTwin(tx, all);
  const seen = new Set<string>();
  const claimed: ClaimRow[] = [];
  const held: Transition[] = [];
  const runAt = new Date(now.getTime() + TWIN_HOLD_MS);
  for (const m of all) {
    const key = m.fromPhone === null ? undefined : JSON.stringify([m.accountId, m.toPhone, m.fromPhone, m.body]);
    if (key !== undefined && (blocked.has(m.id) || seen.has(key))) {
      held.push({
        accountId: m.accountId, id: m.id, attempts: m.attempts, attemptsDelta: -1, status: 'queued', runAt,
        reason: 'held back: an identical text to this recipient is still in flight', detail: { runAt: runAt.toISOString() },
      });
      continue;
    }
    if (key !== undefined) seen.add(key);
    claimed.push(m);
  }
  return { claimed, held };
}
