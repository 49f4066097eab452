import { evaluate } from '../../core/policy.js';
import { UserError } from '../../errors.js';
import { insertMessagesWithEvents, newMessageId, selectMessagesByIdempotencyKeys, type MessageRow, type NewMessage } from '../../store/messages.js';
import { pickSenderNumbers } from '../../store/numbers.js';
import { buildEvaluateRequestsSettled, type SettledRequest } from './context.js';
import type { ServiceDeps } from '../shared/deps.js';
import { replay, requireAccount, statusOf, storedDecisionFor, validateInput, type AcceptInput, type ValidInput } from './accept-input.js';
export type { AcceptInput } from './accept-input.js';
import { toMessageView, type MessageView } from './views.js';

/** The outcome of one input of acceptMessages: the stored (or replayed) message, or the UserError that input earned. */
export type AcceptOutcome = { ok: true; message: MessageView; replayed: boolean } | { ok: false; error: UserError };

function settle(f: () => { message: MessageView; replayed: boolean }): AcceptOutcome {
  try {
    return { ok: true, ...f() };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, error: e };
    throw e;
  }
}

/**
 * Accepts outbound texts of one account: normalises `to`/`from`, picks a sender when none is given,
 * evaluates each with everything the store knows, and stores the messages with their full decision
 * and first event (allow → queued, defer → scheduled at decision.sendAt, block → blocked). A later
 * `sendAt` delays an allowed message (it is evaluated as of that instant). One read per table and one
 * insert statement (messages and their first events together) whatever the batch size; every caller,
 * one text or many, takes this path. Each input gets its own outcome, in input order: an invalid input
 * or a conflicting idempotency key fails alone. Idempotency holds within the batch too (a repeated key replays the first) and
 * against concurrent callers (the unique index decides; the losers re-read the winner). Senders
 * picked for new recipients of one batch are the same least-busy number.
 */
export async function acceptMessages(deps: ServiceDeps, accountId: string, inputs: readonly AcceptInput[]): Promise<AcceptOutcome[]> {
  const now = deps.clock.now();
  const account = await requireAccount(deps.db, accountId);
  const out: (AcceptOutcome | undefined)[] = inputs.map(() => undefined);
  const valid: (ValidInput | undefined)[] = inputs.map((input, i) => {
    try {
      return validateInput(input, now);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      out[i] = { ok: false, error: e };
      return undefined;
    }
  });
  const keys = [...new Set(inputs.flatMap((x, i) => (valid[i] !== undefined && x.idempotencyKey !== undefined ? [x.idempotencyKey] : [])))];
  const existing = await selectMessagesByIdempotencyKeys(deps.db, accountId, keys);
  const firstWithKey = new Map<string, number>();
  const todo: number[] = [];
  inputs.forEach((input, i) => {
    const v = valid[i];
    if (v === undefined) return;
    const key = input.idempotencyKey;
    if (key !== undefined) {
      const row = existing.get(key);
      if (row !== undefined) {
        out[i] = settle(() => replay(row, v.hash, key, account.sid));
        return;
      }
      if (firstWithKey.has(key)) return; // replays the first, once it is stored
      firstWithKey.set(key, i);
    }
    todo.push(i);
  });

  const needSender = [...new Set(todo.flatMap((i) => (valid[i]?.givenFrom === undefined ? [(valid[i] as ValidInput).to] : [])))];
  const senders = await pickSenderNumbers(deps.db, accountId, needSender, now);
  const candidates = todo.map((i) => {
    const input = inputs[i] as AcceptInput;
    const v = valid[i] as ValidInput;
    const evalAt = v.sendAt !== undefined && v.sendAt.getTime() > now.getTime() ? v.sendAt : now;
    const from = v.givenFrom ?? senders.get(v.to) ?? null;
    return { i, input, v, evalAt, from };
  });
  const settled = await buildEvaluateRequestsSettled(deps.db, account, candidates.map((p) => ({
    message: { to: p.v.to, from: p.from, body: p.input.body, purpose: p.input.purpose, autofix: p.input.autofix }, now: p.evalAt, excludeId: null,
  })), { concurrent: true });
  // a stored fact that cannot be decided on (a contact's unknown time zone) fails its input alone
  const plans = candidates.flatMap((p, n) => {
    const s = settled[n] as SettledRequest;
    if (s.ok) return [{ ...p, request: s.request }];
    if (!(s.error instanceof UserError)) throw s.error;
    out[p.i] = { ok: false, error: s.error };
    return [];
  });
  const rows: NewMessage[] = plans.map((p) => {
    const { request } = p;
    const decision = evaluate(request);
    const { status, runAt } = statusOf(decision, p.evalAt, now);
    return {
      id: newMessageId(), to: p.v.to, from: p.from, body: decision.body, purpose: p.input.purpose, status, verdict: decision.verdict,
      decision: storedDecisionFor(account, p.input, request, decision, p.evalAt), runAt, idempotencyKey: p.input.idempotencyKey ?? null,
      requestHash: p.v.hash, segments: decision.segments.count,
      event: {
        reason: `accepted: ${decision.verdict}`,
        detail: { reasons: decision.reasons.map((r) => r.code), ...(runAt === null ? {} : { runAt: runAt.toISOString() }) },
      },
    };
  });
  const inserted = new Map((await insertMessagesWithEvents(deps.db, accountId, now, rows)).map((r) => [r.id, r]));
  const byKey = new Map<string, MessageRow>();
  const lost: string[] = [];
  plans.forEach((p, n) => {
    const row = inserted.get((rows[n] as NewMessage).id);
    const key = p.input.idempotencyKey;
    if (row !== undefined) {
      out[p.i] = { ok: true, message: toMessageView(row, account.sid), replayed: false };
      if (key !== undefined) byKey.set(key, row);
    } else if (key !== undefined) {
      lost.push(key);
    } else {
      throw new Error(`message ${(rows[n] as NewMessage).id} was not inserted`);
    }
  });
  // keys a concurrent caller stored first: re-read the winners
  for (const [key, row] of await selectMessagesByIdempotencyKeys(deps.db, accountId, lost)) byKey.set(key, row);
  inputs.forEach((input, i) => {
    if (out[i] !== undefined) return;
    const key = input.idempotencyKey as string;
    const row = byKey.get(key);
    const v = valid[i] as ValidInput;
    out[i] = row === undefined
      ? { ok: false, error: new UserError('IDEMPOTENCY_CONFLICT', `idempotency key "${key}" could not be resolved`, { field: 'idempotencyKey' }) }
      : settle(() => replay(row, v.hash, key, account.sid));
  });
  return out as AcceptOutcome[];
}

/**
 * Accepts one text: the batch of one. The same idempotency key with the same request returns the
 * stored message (`replayed`); with another request it throws IDEMPOTENCY_CONFLICT.
 */
export async function acceptMessage(deps: ServiceDeps, accountId: string, input: AcceptInput): Promise<{ message: MessageView; replayed: boolean }> {
  const [outcome] = await acceptMessages(deps, accountId, [input]);
  if (outcome === undefined) throw new Error('acceptMessages returned no outcome');
  if (!outcome.ok) throw outcome.error;
  return { message: outcome.message, replayed: outcome.replayed };
}
