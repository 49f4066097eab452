import type { FetchResult } from '../../providers/provider.js';
import { toError } from '../../errors.js';
import { selectAccount } from '../../store/accounts.js';
import { applyTransition } from '../../store/message-transitions.js';
import type { MessageRow } from '../../store/messages.js';
import { selectSentOverdue, touchSent } from '../../store/queue.js';
import type { ServiceDeps } from '../shared/deps.js';
import { handleStatus } from './status.js';
import { toAccountView } from '../accounts/index.js';

/**
 * A `sent` message is asked about once this long after its claim: a carrier's delivery receipt
 * normally arrives within seconds, so ten minutes without one means its callback was lost (the
 * process died with it) or never sent. Then at doubling intervals (20, 40, 80 min …).
 */
export const SENT_CHECK_AFTER_MS = 10 * 60_000;

/**
 * After this long in `sent` (72 h, as long as carriers keep retrying a handset that is off; SMPP's
 * usual validity period), a message without a final status is settled as `undelivered` with error
 * code SENT_NO_FINAL_STATUS: it was not confirmed delivered, and nothing will tell us more. docs/providers.md.
 */
export const SENT_FINAL_DEADLINE_MS = 72 * 3_600_000;

/** The error code of a message settled at SENT_FINAL_DEADLINE_MS (not a provider code). */
export const SENT_NO_FINAL_STATUS = 'no_final_status';

async function settleAtDeadline(deps: ServiceDeps, m: MessageRow, last: FetchResult): Promise<void> {
  const now = deps.clock.now();
  await applyTransition(deps.db, ['sent'], now, {
    accountId: m.accountId, id: m.id, status: 'undelivered', errorCode: SENT_NO_FINAL_STATUS,
    reason: `no final status from the provider within ${SENT_FINAL_DEADLINE_MS / 3_600_000} h of sending`,
    detail: { errorCode: SENT_NO_FINAL_STATUS, lastAnswer: last.kind === 'found' ? last.status : last.kind },
  });
}

/**
 * One sweep of `sent` messages whose final status is overdue (selectSentOverdue): each is fetched by
 * the provider's id; a final status is applied as its status callback would be (status.ts, with the
 * contact effects of its error code); otherwise it is asked again later, and past
 * SENT_FINAL_DEADLINE_MS settled as `undelivered`. Returns how many it asked about.
 */
export async function checkSentOnce(
  deps: ServiceDeps,
  options: { limit?: number; checkAfterMs?: number; deadlineMs?: number; fetchTimeoutMs?: number } = {},
): Promise<number> {
  const now = deps.clock.now();
  const deadlineMs = options.deadlineMs ?? SENT_FINAL_DEADLINE_MS;
  const overdue = await selectSentOverdue(deps.db, { now, checkAfterMs: options.checkAfterMs ?? SENT_CHECK_AFTER_MS, deadlineMs, limit: options.limit ?? 50 });
  for (const m of overdue) {
    let result: FetchResult;
    try {
      result = await deps.provider.fetchStatus(m.providerMessageId ?? m.id, AbortSignal.timeout(options.fetchTimeoutMs ?? 10_000));
    } catch (e) {
      deps.log.error({ err: toError(e), messageId: m.id }, 'provider fetchStatus threw');
      result = { kind: 'transient', message: toError(e).message };
    }
    if (result.kind === 'found' && (result.status === 'delivered' || result.status === 'undelivered' || result.status === 'failed')) {
      const account = await selectAccount(deps.db, m.accountId);
      if (account === undefined) throw new Error(`message of missing account ${m.accountId}`);
      const applied = await handleStatus(deps, toAccountView(account), {
        providerMessageId: m.providerMessageId ?? m.id, messageId: m.id, status: result.status,
        ...(result.errorCode === undefined ? {} : { errorCode: result.errorCode }),
      });
      // not applied (a callback got there first, or the id did not match): do not ask again at once
      if (!applied.updated) await touchSent(deps.db, m.accountId, m.id, now);
      continue;
    }
    if (now.getTime() - (m.lockedAt ?? m.createdAt).getTime() >= deadlineMs) await settleAtDeadline(deps, m, result);
    else await touchSent(deps.db, m.accountId, m.id, now);
  }
  return overdue.length;
}
