import { createHash } from 'node:crypto';
import { callbackUrlProblem } from '../../core/callback-url.js';
import { findOptOutLanguage } from '../../core/content/opt-out-language.js';
import type { EvaluateRequest } from '../../core/policy.js';
import { PURPOSES, type Decision, type Purpose } from '../../core/types.js';
import { UserError } from '../../errors.js';
import { selectAccount, type AccountRow } from '../../store/accounts.js';
import type { Db } from '../../store/db.js';
import type { MessageStatus } from '../../store/message-status.js';
import type { MessageRow, StoredDecision } from '../../store/messages.js';
import { requestAsJson } from './context.js';
import { requirePhone } from '../shared/phones.js';
import { requireTimestamp } from '../shared/timestamps.js';
import { accountSettings } from '../accounts/index.js';
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
