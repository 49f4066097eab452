import type { StatusUpdate } from '../../providers/provider.js';
import { upsertContact } from '../../store/contacts.js';
import type { MessageStatus } from '../../store/message-status.js';
import { applyTransition } from '../../store/message-transitions.js';
import { selectMessage, selectMessageByProviderId } from '../../store/messages.js';
import { enqueueStatusCallback } from '../../store/status-callbacks.js';
import type { ServiceDeps } from '../shared/deps.js';
import { applyProviderStatusBatched } from './status-batch.js';
import { statusFromProvider } from './reconciler.js';
import type { AccountView } from '../accounts/index.js';

/**
 * What a provider error code says about the recipient (Twilio error dictionary):
 * 21610 the recipient replied STOP to the sending number → DND `carrier_opt_out` (blocked as dnd.sms);
 * 30003 unreachable handset / 30005 unknown or inactive number → DND `unreachable` (dnd.sms; an
 * account clears it with PUT /v1/contacts when the number works again);
 * 30006 landline or unreachable carrier → line type `landline` (number.landline);
 * 30007 carrier filtering / 30034 unregistered 10DLC traffic → only recorded, for monitoring.
 */
export const ERROR_CODE_EFFECTS: Readonly<Record<string, { dndCause?: string; lineType?: string; monitor?: string }>> = {
  '21610': { dndCause: 'carrier_opt_out' },
  '30003': { dndCause: 'unreachable' },
  '30005': { dndCause: 'unreachable' },
  '30006': { lineType: 'landline' },
  '30007': { monitor: 'carrier_filtering' },
  '30034': { monitor: 'unregistered_10dlc' },
};

/** Statuses a callback may move a message out of: never backwards from a final state. */
function fromStatuses(to: MessageStatus): MessageStatus[] {
  return to === 'sent' ? ['sending', 'unknown'] : ['sending', 'sent', 'unknown'];
}

/**
 * The common case, batched with concurrent callbacks into one statement (status-batch.ts): the error
 * code (if any) changes nothing about the contact. Undefined when the full path must run (the
 * contact must be marked).
 */
async function handleStatusFast(deps: ServiceDeps, account: AccountView, update: StatusUpdate): Promise<{ updated: boolean } | undefined> {
  const effect = update.errorCode === undefined ? undefined : ERROR_CODE_EFFECTS[update.errorCode];
  if (effect?.dndCause !== undefined || effect?.lineType !== undefined) return undefined;
  const status = statusFromProvider(update.status);
  const outcome = await applyProviderStatusBatched(deps, {
    accountId: account.accountId, providerMessageId: update.providerMessageId, messageId: update.messageId ?? null,
    status, errorCode: update.errorCode ?? null, reason: `provider status ${update.status}`,
    detail: { errorCode: update.errorCode ?? null, ...(effect?.monitor === undefined ? {} : { monitor: effect.monitor }) },
  });
  // the caller's statusCallback, if any, was enqueued by the same statement
  if (!outcome.found) return { updated: false };
  return { updated: outcome.moved };
}

/**
 * Applies one delivery-status callback: moves the message (found by the provider's id, within the
 * account) forward, records the error code, and marks the contact per ERROR_CODE_EFFECTS so that
 * the next text to it is blocked with the right reason.
 */
export async function handleStatus(deps: ServiceDeps, account: AccountView, update: StatusUpdate): Promise<{ updated: boolean }> {
  const now = deps.clock.now();
  const accountId = account.accountId;
  const fast = await handleStatusFast(deps, account, update);
  if (fast !== undefined) return fast;
  return deps.db.transaction(async (tx): Promise<{ updated: boolean }> => {
    let m = await selectMessageByProviderId(tx, accountId, deps.provider.name, update.providerMessageId);
    let adopt = false;
    if (m === undefined && update.messageId !== undefined) {
      // The callback outran the worker's record of the provider id (it commits `sent` after send()
      // returns): match by our own id, and record the provider id here.
      const byId = await selectMessage(tx, accountId, update.messageId);
      if (byId !== undefined && byId.providerMessageId === null && (byId.status === 'sending' || byId.status === 'unknown')) {
        m = byId;
        adopt = true;
      }
    }
    if (m === undefined) return { updated: false };
    const status = statusFromProvider(update.status);
    const effect = update.errorCode === undefined ? undefined : ERROR_CODE_EFFECTS[update.errorCode];
    const moved = await applyTransition(tx, fromStatuses(status), now, {
      accountId, id: m.id, status, ...(update.errorCode === undefined ? {} : { errorCode: update.errorCode }),
      ...(adopt ? { provider: deps.provider.name, providerMessageId: update.providerMessageId } : {}),
      reason: `provider status ${update.status}`,
      detail: { errorCode: update.errorCode ?? null, ...(effect?.monitor === undefined ? {} : { monitor: effect.monitor }) },
    });
    if (effect?.dndCause !== undefined) await upsertContact(tx, accountId, m.toPhone, { dnd: true, dndCause: effect.dndCause, now });
    if (effect?.lineType !== undefined) await upsertContact(tx, accountId, m.toPhone, { lineType: effect.lineType, now });
    // enqueued with the move: delivered by the status callback outbox (status-forward.ts)
    if (moved && m.decision.statusCallback !== undefined) await enqueueStatusCallback(tx, accountId, m.id, m.decision.statusCallback, now);
    return { updated: moved };
  });
}
