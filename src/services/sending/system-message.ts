import { findOptOutLanguage } from '../../core/content/opt-out-language.js';
import { RULE_SET_VERSION } from '../../core/rule-set.js';
import { countSegments } from '../../core/segments.js';
import type { Decision } from '../../core/types.js';
import type { Db } from '../../store/db.js';
import { insertMessageEvent } from '../../store/message-events.js';
import { insertMessage, newMessageId, type MessageRow, type StoredDecision, type SystemMessageKind } from '../../store/messages.js';

/**
 * Queues a text Clearsend sends itself in answer to a keyword (opt-out / opt-in confirmation, HELP
 * reply). It bypasses consent and quiet hours (the FCC allows one confirmation of an opt-out,
 * 47 CFR 64.1200(a)(10); HELP is answered whatever the consent state, CTIA Messaging Principles
 * §5.1.2) but still goes through the queue and the provider. Runs inside the caller's transaction.
 */
export async function enqueueSystemMessage(
  tx: Db,
  accountId: string,
  m: { to: string; from: string; body: string; system: SystemMessageKind; cause: Record<string, unknown>; now: Date },
): Promise<MessageRow> {
  const segments = countSegments(m.body);
  const decision: Decision = {
    verdict: 'allow',
    reasons: [],
    body: m.body,
    segments: { encoding: segments.encoding, count: segments.count, units: segments.units },
    ruleSetVersion: RULE_SET_VERSION,
    facts: { to: m.to, timezones: [], states: [], appliedRules: [] },
  };
  const stored: StoredDecision = {
    decision,
    inputs: { system: m.system, cause: m.cause },
    ruleSetVersion: RULE_SET_VERSION,
    optOutNotice: findOptOutLanguage(m.body) !== null,
    system: m.system,
  };
  const row = await insertMessage(tx, accountId, {
    id: newMessageId(), to: m.to, from: m.from, body: m.body, purpose: 'transactional', status: 'queued', verdict: 'allow',
    decision: stored, runAt: m.now, idempotencyKey: null, requestHash: null, segments: segments.count, now: m.now,
  });
  await insertMessageEvent(tx, accountId, row.id, { status: 'queued', at: m.now, reason: `${m.system} (bypasses consent)`, detail: m.cause });
  return row;
}
