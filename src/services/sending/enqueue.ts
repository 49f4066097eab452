import { createHash } from 'node:crypto';
import { callbackUrlProblem } from '../../core/callback-url.js';
import { findOptOutLanguage } from '../../core/content/opt-out-language.js';
import { evaluate, type EvaluateRequest } from '../../core/policy.js';
import { RULE_SET_VERSION } from '../../core/rule-set.js';
import { countSegments } from '../../core/segments.js';
import { PURPOSES, type Decision, type Purpose } from '../../core/types.js';
import { UserError } from '../../errors.js';
import { selectAccount, type AccountRow } from '../../store/accounts.js';
import { UNIQUE_VIOLATION, sqlState, type Db } from '../../store/db.js';
import { insertMessageEvent } from '../../store/message-events.js';
import type { MessageStatus } from '../../store/message-status.js';
import {
  insertMessage,
  newMessageId,
  selectMessageByIdempotencyKey,
  type MessageRow,
  type StoredDecision,
  type SystemMessageKind,
} from '../../store/messages.js';
import { pickSenderNumber } from '../../store/numbers.js';
import { buildEvaluateRequest, requestAsJson } from './context.js';
import type { ServiceDeps } from '../shared/deps.js';
import { requirePhone } from '../shared/phones.js';
import { requireTimestamp } from '../shared/timestamps.js';
import { accountSettings } from '../accounts/views.js';
import { toMessageView, type MessageView } from './views.js';

/** The furthest ahead a message may be scheduled. */
const MAX_SCHEDULE_AHEAD_MS = 365 * 86_400_000;

/** What a caller asks to send (POST /v1/messages, the Twilio-compatible endpoint). */
export interface AcceptInput {
  to: string;
  from?: string;
  body: string;
  purpose: Purpose;
  sendAt?: string;
  autofix?: boolean;
  idempotencyKey?: string;
  statusCallback?: string;
}

function requestHash(input: AcceptInput, to: string, from: string | undefined): string {
  const canonical = JSON.stringify([to, from ?? null, input.body, input.purpose, input.sendAt ?? null, input.autofix ?? false, input.statusCallback ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function replay(row: MessageRow, hash: string, key: string, accountSid: string): { message: MessageView; replayed: boolean } {
  if (row.requestHash !== hash) {
    throw new UserError('IDEMPOTENCY_CONFLICT', `idempotency key "${key}" was already used with a different request`, { field: 'idempotencyKey' });
  }
  return { message: toMessageView(row, accountSid), replayed: true };
}

export async function requireAccount(db: Db, accountId: string): Promise<AccountRow> {
  const account = await selectAccount(db, accountId);
  if (account === undefined) throw new UserError('NOT_FOUND', `account ${accountId} not found`);
  return account;
}

export function statusOf(decision: Decision, runAt: Date, now: Date): { status: MessageStatus; runAt: Date | null } {
  switch (decision.verdict) {
    case 'allow':
      return { status: 'queued', runAt: runAt.getTime() > now.getTime() ? runAt : now };
    case 'defer':
      return { status: 'scheduled', runAt: new Date(decision.sendAt ?? runAt) };
    case 'block':
      return { status: 'blocked', runAt: null };
    default: {
      const _x: never = decision.verdict;
      throw new Error(`unhandled verdict ${String(_x)}`);
    }
  }
}

/** A validated input: normalised phones, the parsed sendAt and the idempotency request hash. */
export interface ValidInput {
  to: string;
  givenFrom: string | undefined;
  sendAt: Date | undefined;
  hash: string;
}

/** Validates and normalises one input (throws UserError INVALID_INPUT). */
export function validateInput(input: AcceptInput, now: Date): ValidInput {
  if (!PURPOSES.includes(input.purpose)) throw new UserError('INVALID_INPUT', `purpose must be one of ${PURPOSES.join(', ')}`, { field: 'purpose' });
  if (typeof input.body !== 'string') throw new UserError('INVALID_INPUT', 'body must be a string', { field: 'body' });
  const to = requirePhone(input.to, 'to');
  const givenFrom = input.from === undefined ? undefined : requirePhone(input.from, 'from');
  let sendAt: Date | undefined;
  if (input.sendAt !== undefined) {
    sendAt = requireTimestamp(input.sendAt, 'sendAt');
    // A text scheduled more than a year out is a mistake, and far dates overflow timestamptz.
    if (sendAt.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS) {
      throw new UserError('INVALID_INPUT', `sendAt may be at most 365 days ahead (got ${input.sendAt})`, { field: 'sendAt' });
    }
  }
  if (input.statusCallback !== undefined) {
    const problem = callbackUrlProblem(input.statusCallback);
    if (problem !== null) throw new UserError('INVALID_INPUT', `statusCallback ${problem}`, { field: 'statusCallback' });
  }
  return { to, givenFrom, sendAt, hash: requestHash(input, to, givenFrom) };
}

/** What is stored with a message: the decision, its inputs and the caller's options. */
export function storedDecisionFor(account: AccountRow, input: AcceptInput, request: EvaluateRequest, decision: Decision, evalAt: Date): StoredDecision {
  const settings = accountSettings(account);
  const stored: StoredDecision = {
    decision,
    inputs: requestAsJson(request),
    ruleSetVersion: decision.ruleSetVersion,
    optOutNotice: findOptOutLanguage(decision.body, settings.keywords?.optOut ?? []) !== null,
  };
  if (decision.facts.consent?.id !== undefined) stored.consentEventId = decision.facts.consent.id;
  if (input.sendAt !== undefined) stored.requestedSendAt = evalAt.toISOString();
  if (input.statusCallback !== undefined) stored.statusCallback = input.statusCallback;
  if (input.autofix !== undefined) stored.autofix = input.autofix;
  return stored;
}

/**
 * Accepts one outbound text: normalises `to`/`from`, picks a sender when none is given, evaluates
 * with everything the store knows, and stores the message with its full decision and first event
 * in one transaction (allow → queued, defer → scheduled at decision.sendAt, block → blocked).
 * A later `sendAt` delays an allowed message (it is evaluated as of that instant). The same
 * idempotency key with the same request returns the stored message (`replayed`); with another
 * request it is a CONFLICT. Race-safe: the unique index decides, and the loser re-reads.
 */
export async function acceptMessage(deps: ServiceDeps, accountId: string, input: AcceptInput): Promise<{ message: MessageView; replayed: boolean }> {
  const now = deps.clock.now();
  const { to, givenFrom, sendAt, hash } = validateInput(input, now);
  const account = await requireAccount(deps.db, accountId);
  const key = input.idempotencyKey;
  if (key !== undefined) {
    const existing = await selectMessageByIdempotencyKey(deps.db, accountId, key);
    if (existing !== undefined) return replay(existing, hash, key, account.sid);
  }

  const evalAt = sendAt !== undefined && sendAt.getTime() > now.getTime() ? sendAt : now;
  const from = givenFrom ?? (await pickSenderNumber(deps.db, accountId, to, now)) ?? null;
  const request = await buildEvaluateRequest(deps.db, account, { to, from, body: input.body, purpose: input.purpose, autofix: input.autofix }, evalAt);
  const decision = evaluate(request);
  const stored = storedDecisionFor(account, input, request, decision, evalAt);
  const { status, runAt } = statusOf(decision, evalAt, now);

  try {
    const row = await deps.db.transaction(async (tx) => {
      const m = await insertMessage(tx, accountId, {
        id: newMessageId(), to, from, body: decision.body, purpose: input.purpose, status, verdict: decision.verdict, decision: stored,
        runAt, idempotencyKey: key ?? null, requestHash: hash, segments: decision.segments.count, now,
      });
      await insertMessageEvent(tx, accountId, m.id, {
        status, at: now, reason: `accepted: ${decision.verdict}`,
        detail: { reasons: decision.reasons.map((r) => r.code), ...(runAt === null ? {} : { runAt: runAt.toISOString() }) },
      });
      return m;
    });
    return { message: toMessageView(row, account.sid), replayed: false };
  } catch (e) {
    if (key === undefined || sqlState(e) !== UNIQUE_VIOLATION) throw e;
    const winner = await selectMessageByIdempotencyKey(deps.db, accountId, key);
    if (winner === undefined) throw e;
    return replay(winner, hash, key, account.sid);
  }
}

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
