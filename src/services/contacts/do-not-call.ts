import type { DncSource } from '../../core/do-not-call.js';
import { UserError } from '../../errors.js';
import { deleteDoNotCall, selectDoNotCallPage, upsertDoNotCall, type DoNotCallRow } from '../../store/do-not-call.js';
import type { ServiceDeps } from '../shared/deps.js';
import { requirePhone } from '../shared/phones.js';
import type { DoNotCallView } from './views.js';

export type { DoNotCallView };

/** Entries one request may add; larger lists go in several requests. */
export const DNC_BATCH_MAX = 1_000;
export const DNC_PAGE_DEFAULT = 100;
export const DNC_PAGE_MAX = 1_000;

function toView(row: DoNotCallRow): DoNotCallView {
  return { phone: row.phone, source: row.source, note: row.note, addedAt: row.addedAt.toISOString() };
}

/**
 * Adds numbers to the account's do-not-call list (or replaces the source and note of listed ones).
 * Every phone is normalised to E.164 first; one that does not parse refuses the whole request, so
 * a list is never half-imported. A number given twice keeps its last entry.
 */
export async function addDoNotCall(
  deps: ServiceDeps,
  accountId: string,
  entries: readonly { phone: string; source: DncSource; note?: string }[],
): Promise<DoNotCallView[]> {
  if (entries.length > DNC_BATCH_MAX) {
    throw new UserError('INVALID_INPUT', `at most ${String(DNC_BATCH_MAX)} entries per request (got ${String(entries.length)}); send the list in parts`, { field: 'entries' });
  }
  const byPhone = new Map<string, { phone: string; source: DncSource; note: string | null }>();
  entries.forEach((e, i) => {
    const phone = requirePhone(e.phone, `entries[${String(i)}].phone`);
    byPhone.delete(phone);
    byPhone.set(phone, { phone, source: e.source, note: e.note ?? null });
  });
  const rows = await upsertDoNotCall(deps.db, accountId, [...byPhone.values()], deps.clock.now());
  return rows.map(toView);
}

/** Removes a number from the account's list, or NOT_FOUND when it is not on it. */
export async function removeDoNotCall(deps: ServiceDeps, accountId: string, phone: string): Promise<void> {
  const e164 = requirePhone(phone, 'phone');
  if (!(await deleteDoNotCall(deps.db, accountId, e164))) {
    throw new UserError('NOT_FOUND', `${e164} is not on this account's do-not-call list`, { field: 'phone' });
  }
}

/** One page of the account's list by phone; `nextCursor` (the last phone shown) when there is more. */
export async function listDoNotCall(
  deps: ServiceDeps,
  accountId: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ entries: DoNotCallView[]; nextCursor?: string }> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? DNC_PAGE_DEFAULT), 1), DNC_PAGE_MAX);
  const rows = await selectDoNotCallPage(deps.db, accountId, page.cursor ?? null, limit + 1);
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { entries: shown.map(toView), ...(rows.length > limit && last !== undefined ? { nextCursor: last.phone } : {}) };
}
