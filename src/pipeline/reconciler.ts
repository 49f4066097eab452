import type { FetchResult, ProviderStatus } from '../providers/provider.js';
import { toError } from '../errors.js';
import { insertMessageEvent } from '../store/message-events.js';
import type { MessageStatus } from '../store/message-status.js';
import { releaseStaleClaims, selectUnknown, touchUnknown, updateMessageStatus, type MessageRow } from '../store/messages.js';
import type { ServiceDeps } from './deps.js';

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

async function settle(deps: ServiceDeps, m: MessageRow, result: FetchResult): Promise<void> {
  const now = deps.clock.now();
  switch (result.kind) {
    case 'found': {
      const status = statusFromProvider(result.status);
      await deps.db.transaction(async (tx) => {
        const row = await updateMessageStatus(tx, m.accountId, m.id, {
          expect: ['unknown'], status, now, provider: deps.provider.name, ...(result.errorCode === undefined ? {} : { errorCode: result.errorCode }),
        });
        if (row !== undefined) await insertMessageEvent(tx, m.accountId, m.id, { status, at: now, reason: `reconciled: the provider has it (${result.status})`, detail: { errorCode: result.errorCode ?? null } });
      });
      return;
    }
    case 'not_found':
      // The provider never got it: the only case in which sending again is safe.
      await deps.db.transaction(async (tx) => {
        const row = await updateMessageStatus(tx, m.accountId, m.id, { expect: ['unknown'], status: 'queued', now, runAt: now });
        if (row !== undefined) await insertMessageEvent(tx, m.accountId, m.id, { status: 'queued', at: now, reason: 'reconciled: the provider never received it; sending again' });
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

/**
 * One reconciler step: expired claims become `unknown` (releaseStaleClaims), then each `unknown`
 * message not looked at for `retryMs` is looked up at the provider — by the provider's id when we
 * have it, else by our own `SM…` id (providers must answer for ids they issued OR were sent as
 * SendRequest.messageId). Returns how many messages it asked about.
 */
export async function reconcileOnce(deps: ServiceDeps, options: { leaseMs: number; limit?: number; retryMs?: number; fetchTimeoutMs?: number }): Promise<number> {
  const now = deps.clock.now();
  await releaseStaleClaims(deps.db, now, options.leaseMs);
  const retryMs = options.retryMs ?? Math.min(options.leaseMs, 30_000);
  const unknown = await selectUnknown(deps.db, { limit: options.limit ?? 50, updatedBefore: new Date(now.getTime() - retryMs) });
  for (const m of unknown) {
    let result: FetchResult;
    try {
      result = await deps.provider.fetchStatus(m.providerMessageId ?? m.id, AbortSignal.timeout(options.fetchTimeoutMs ?? 10_000));
    } catch (e) {
      deps.log.error({ err: toError(e), messageId: m.id }, 'provider.fetchStatus threw');
      result = { kind: 'transient', message: toError(e).message };
    }
    await settle(deps, m, result);
  }
  return unknown.length;
}
