import { selectNumber, selectNumbers, upsertNumber } from '../store/numbers.js';
import type { ServiceDeps } from './deps.js';
import { requirePhone } from './phones.js';
import { requireTimestamp } from './timestamps.js';
import { toNumberView, type NumberView } from './views.js';

/**
 * Days before a number newly attached to a campaign may send: carriers need time to propagate the
 * registration (issue 4; our default, not a published carrier figure).
 */
export const CAMPAIGN_PROPAGATION_DAYS = 10;

/**
 * Adds or replaces a sender number. When `usableFrom` is not given: a number newly attached to a
 * campaign (`campaignId`, registered) may send from now + 10 days; an existing number keeps its
 * date; any other number is usable at once.
 */
export async function putNumber(
  deps: ServiceDeps,
  accountId: string,
  phone: string,
  input: { provider?: string; registered: boolean; campaignId?: string | null; usableFrom?: string | null },
): Promise<NumberView> {
  const e164 = requirePhone(phone, 'phone');
  const now = deps.clock.now();
  let usableFrom: Date | null;
  if (input.usableFrom !== undefined) {
    usableFrom = input.usableFrom === null ? null : requireTimestamp(input.usableFrom, 'usableFrom');
  } else {
    const existing = await selectNumber(deps.db, accountId, e164);
    const newCampaign = input.registered && input.campaignId != null && existing?.campaignId !== input.campaignId;
    usableFrom = newCampaign ? new Date(now.getTime() + CAMPAIGN_PROPAGATION_DAYS * 86_400_000) : existing?.usableFrom ?? null;
  }
  const row = await upsertNumber(deps.db, accountId, e164, {
    provider: input.provider ?? deps.provider.name,
    registered: input.registered,
    campaignId: input.campaignId ?? null,
    usableFrom,
    now,
  });
  return toNumberView(row);
}

/** The account's sender numbers. */
export async function listNumbers(deps: ServiceDeps, accountId: string): Promise<NumberView[]> {
  return (await selectNumbers(deps.db, accountId)).map(toNumberView);
}
