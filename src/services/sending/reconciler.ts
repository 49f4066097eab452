import type { FindSentResult, ProviderStatus } from '../../providers/provider.js';
import { toError } from '../../errors.js';
import type { MessageStatus } from '../../store/message-status.js';
import { applyTransition } from '../../store/message-transitions.js';
import type { MessageRow } from '../../store/messages.js';
import { releaseStaleClaims, selectUnknown, touchUnknown } from '../../store/queue.js';
import { selectTwinProviderIds } from '../../store/message-twins.js';
import type { ServiceDeps } from '../shared/deps.js';
import { nextRunAt } from './retry.js';

/** Our status for what the provider says it did with a message. */
export function statusFromProvider(status: ProviderStatus): MessageStatus {
  switch (status) {
    case 'queued':
    case 'sending':
    case 'sent':
      return 'sent';
    case 'delivered':
      return 'delivered';
    case 'undelivered':
      return 'undelivered';
    case 'failed':
      return 'failed';
    default: {
      const _x: never = status;
      throw new Error(`unhandled provider status ${String(_x)}`);
    }
  }
}

/**
 * How long after the claim (the latest moment the send could have started) plus the lease a
 * findSent `not_found` must wait before it is trusted: Twilio's message list is eventually
 * consistent, so a message created moments ago may not be listed yet. docs/providers.md.
 */
export const DEFAULT_NOT_FOUND_GRACE_MS = 120_000;

async function settle(deps: ServiceDeps, m: MessageRow, result: FindSentResult, trustNotFound: boolean): Promise<void> {
  const now = deps.clock.now();
  switch (result.kind) {
    case 'found': {
      const status = statusFromProvider(result.status);
      const pid = result.providerMessageId;
      await applyTransition(deps.db, ['unknown'], now, {
        accountId: m.accountId, id: m.id, status, provider: deps.provider.name,
        ...(result.errorCode === undefined ? {} : { errorCode: result.errorCode }),
        // adopt the provider's id, so its later status callbacks find the message
        ...(pid === undefined || m.providerMessageId !== null ? {} : { providerMessageId: pid }),
        reason: `reconciled: the provider has it (${result.status})`,
        detail: { errorCode: result.errorCode ?? null, ...(pid === undefined ? {} : { providerMessageId: pid }) },
      });
      return;
    }
    case 'not_found':
      if (!trustNotFound) {
        // Too soon to trust the provider's list: ask again later.
        await touchUnknown(deps.db, m.accountId, m.id, now);
        return;
      }
      if (nextRunAt(m.attempts, now) === null) {
        await applyTransition(deps.db, ['unknown'], now, {
          accountId: m.accountId, id: m.id, status: 'failed', reason: `reconciled: the provider never received it; gave up after ${m.attempts} attempts`,
        });
        return;
      }
      // The provider never got it: the only case in which sending again is safe.
      await applyTransition(deps.db, ['unknown'], now, {
        accountId: m.accountId, id: m.id, status: 'queued', runAt: now, reason: 'reconciled: the provider never received it; sending again',
      });
      return;
    case 'transient':
      await touchUnknown(deps.db, m.accountId, m.id, now);
      return;
    default: {
      const _x: never = result;
      throw new Error(`unhandled fetch result ${JSON.stringify(_x)}`);
    }
  }
}

/** Asks the provider about one `unknown` message: by its id when we have it, else by what was sent. */
async function lookUp(deps: ServiceDeps, m: MessageRow, signal: AbortSignal): Promise<{ result: FindSentResult; byContent: boolean }> {
  const findSent = deps.provider.findSent?.bind(deps.provider);
  if (m.providerMessageId === null && m.fromPhone !== null && findSent !== undefined) {
    const sentAfter = m.lockedAt ?? m.createdAt;
    // Identical texts (twins) are claimed one at a time (claim.ts), so once the provider ids recorded
    // on the twins are left out, whatever the provider lists is this message's. docs/providers.md.
    const excludeProviderMessageIds = await selectTwinProviderIds(deps.db, { ...m, fromPhone: m.fromPhone });
    return { result: await findSent({ messageId: m.id, from: m.fromPhone, to: m.toPhone, body: m.body, sentAfter, excludeProviderMessageIds }, signal), byContent: true };
  }
  return { result: await deps.provider.fetchStatus(m.providerMessageId ?? m.id, signal), byContent: false };
}

/**
 * One reconciler step: expired claims become `unknown` (releaseStaleClaims), then each `unknown`
 * message not looked at for `retryMs` is looked up at the provider — by the provider's id when we
 * have it; else, when the provider offers it, by what was sent (`findSent`, whose found id is
 * adopted), and a `not_found` from it is trusted only `leaseMs + notFoundGraceMs` after the claim;
 * else by our own `SM…` id (providers must answer for ids they issued OR were sent as
 * SendRequest.messageId). Returns how many messages it asked about.
 */
export async function reconcileOnce(
  deps: ServiceDeps,
  options: { leaseMs: number; limit?: number; retryMs?: number; fetchTimeoutMs?: number; notFoundGraceMs?: number },
): Promise<number> {
  const now = deps.clock.now();
  await releaseStaleClaims(deps.db, now, options.leaseMs);
  const retryMs = options.retryMs ?? Math.min(options.leaseMs, 30_000);
  const graceMs = options.leaseMs + (options.notFoundGraceMs ?? DEFAULT_NOT_FOUND_GRACE_MS);
  const unknown = await selectUnknown(deps.db, { limit: options.limit ?? 50, updatedBefore: new Date(now.getTime() - retryMs) });
  for (const m of unknown) {
    let result: FindSentResult;
    let trustNotFound = true;
    try {
      const r = await lookUp(deps, m, AbortSignal.timeout(options.fetchTimeoutMs ?? 10_000));
      result = r.result;
      if (r.byContent) trustNotFound = now.getTime() - (m.lockedAt ?? m.createdAt).getTime() >= graceMs;
    } catch (e) {
      deps.log.error({ err: toError(e), messageId: m.id }, 'provider lookup threw');
      result = { kind: 'transient', message: toError(e).message };
    }
    await settle(deps, m, result, trustNotFound);
  }
  return unknown.length;
}
