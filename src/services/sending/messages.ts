import { parseTimestamp } from '../../core/timestamp.js';
import { UserError } from '../../errors.js';
import { selectAccount } from '../../store/accounts.js';
import { selectMessageEvents } from '../../store/message-events.js';
import { MESSAGE_STATUSES, type MessageStatus } from '../../store/message-status.js';
import { applyTransition } from '../../store/message-transitions.js';
import { selectMessage, selectMessages } from '../../store/messages.js';
import type { ServiceDeps } from '../shared/deps.js';
import { requirePhone } from '../shared/phones.js';
import { toMessageEventView, toMessageView, type MessageEventView, type MessageView } from './views.js';

async function accountSid(deps: ServiceDeps, accountId: string): Promise<string> {
  const account = await selectAccount(deps.db, accountId);
  if (account === undefined) throw new UserError('NOT_FOUND', `account ${accountId} not found`);
  return account.sid;
}

/** One message of the account with its events; NOT_FOUND otherwise (also for another account's id). */
export async function getMessage(deps: ServiceDeps, accountId: string, id: string): Promise<MessageView & { events: MessageEventView[] }> {
  const row = await selectMessage(deps.db, accountId, id);
  if (row === undefined) throw new UserError('NOT_FOUND', `message ${id} not found`);
  const events = await selectMessageEvents(deps.db, accountId, id);
  return { ...toMessageView(row, await accountSid(deps, accountId)), events: events.map(toMessageEventView) };
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  // the same strict reading as every date field: a forged cursor's year -271821 must not reach SQL
  const parsed = parseTimestamp(at ?? '');
  if (id === undefined || id === '' || !parsed.ok) throw new UserError('INVALID_INPUT', 'cursor is not one this API returned', { field: 'cursor' });
  return { createdAt: parsed.date, id };
}

/** The account's messages, newest first, filtered by status and recipient; keyset pagination on (createdAt, id). */
export async function listMessages(
  deps: ServiceDeps,
  accountId: string,
  q: { status?: string; to?: string; cursor?: string; limit?: number },
): Promise<{ messages: MessageView[]; nextCursor?: string }> {
  if (q.status !== undefined && !(MESSAGE_STATUSES as readonly string[]).includes(q.status)) {
    throw new UserError('INVALID_INPUT', `status must be one of ${MESSAGE_STATUSES.join(', ')}`, { field: 'status' });
  }
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 200);
  const rows = await selectMessages(deps.db, accountId, {
    status: q.status as MessageStatus | undefined,
    to: q.to === undefined ? undefined : requirePhone(q.to, 'to'),
    after: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
    limit: limit + 1,
  });
  const sid = await accountSid(deps, accountId);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const result: { messages: MessageView[]; nextCursor?: string } = { messages: page.map((r) => toMessageView(r, sid)) };
  if (rows.length > limit && last !== undefined) result.nextCursor = encodeCursor(last.createdAt, last.id);
  return result;
}

const CANCELABLE: readonly MessageStatus[] = ['accepted', 'scheduled', 'queued'];

/** Cancels a message that has not been handed to a worker yet; CONFLICT once it has, NOT_FOUND if not the account's. */
export async function cancelMessage(deps: ServiceDeps, accountId: string, id: string): Promise<MessageView> {
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const moved = await applyTransition(tx, CANCELABLE, now, { accountId, id, status: 'canceled', reason: 'canceled by the account' });
    return moved ? selectMessage(tx, accountId, id) : undefined;
  });
  if (row !== undefined) return toMessageView(row, await accountSid(deps, accountId));
  const current = await selectMessage(deps.db, accountId, id);
  if (current === undefined) throw new UserError('NOT_FOUND', `message ${id} not found`);
  throw new UserError('MESSAGE_NOT_CANCELABLE', `message ${id} is ${current.status}; only accepted, scheduled or queued messages can be canceled`);
}
