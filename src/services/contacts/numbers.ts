import { selectNumber, selectNumbers, upsertNumber } from '../../store/numbers.js';
import type { ServiceDeps } from '../shared/deps.js';
import { requirePhone } from '../shared/phones.js';
import { UserError } from '../../errors.js';
import { requireTimestamp } from '../shared/timestamps.js';
import { toNumberView, type NumberView } from './views.js';

/**
 * Days before a number newly attached to a campaign may send: carriers need time to propagate the
 * registration (our default, not a published carrier figure).
 */
export const CAMPAIGN_PROPAGATION_DAYS = 10;

/** How long the provider may take to say whether it owns a number. */
const OWNS_NUMBER_TIMEOUT_MS = 10_000;

/**
 * A number new to the account must be one of the provider account's own numbers (Twilio: its
 * incoming numbers); a provider without the lookup (the simulator) accepts every number.
 */
async function requireProviderOwns(deps: ServiceDeps, phone: string): Promise<void> {
  if (deps.provider.ownsNumber === undefined) return;
  const r = await deps.provider.ownsNumber(phone, AbortSignal.timeout(OWNS_NUMBER_TIMEOUT_MS));
  switch (r.kind) {
    case 'owned':
      return;
    case 'not_owned':
      throw new UserError('NUMBER_NOT_ON_PROVIDER', `${phone} is not one of the ${deps.provider.name} account's phone numbers; buy or port it there first`, { field: 'phone' });
    case 'transient':
      // the provider could not be asked: an outage, not the caller's mistake
      throw new Error(`could not check ${phone} with ${deps.provider.name}: ${r.message}`);
    default: {
      const _x: never = r;
      throw new Error(`unhandled ownsNumber result ${JSON.stringify(_x)}`);
    }
  }
}

/**
 * Adds or replaces a sender number. When `usableFrom` is not given: a number newly attached to a
 * campaign (`campaignId`, registered) may send from now + 10 days; an existing number keeps its
 * date; any other number is usable at once. A phone has one owner: another account's number is a
 * CONFLICT (409), and a number new to the account must be the provider account's (requireProviderOwns).
 */
export async function putNumber(
  deps: ServiceDeps,
  accountId: string,
  phone: string,
  input: { provider?: string; registered: boolean; campaignId?: string | null; usableFrom?: string | null },
): Promise<NumberView> {
  const e164 = requirePhone(phone, 'phone');
  const now = deps.clock.now();
  const existing = await selectNumber(deps.db, accountId, e164);
  if (existing === undefined) await requireProviderOwns(deps, e164);
  let usableFrom: Date | null;
  if (input.usableFrom !== undefined) {
    usableFrom = input.usableFrom === null ? null : requireTimestamp(input.usableFrom, 'usableFrom');
  } else {
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
  if (row === undefined) throw new UserError('NUMBER_OWNED_ELSEWHERE', `${e164} is another account's sender number`, { field: 'phone' });
  return toNumberView(row);
}

/** The account's sender numbers. */
export async function listNumbers(deps: ServiceDeps, accountId: string): Promise<NumberView[]> {
  return (await selectNumbers(deps.db, accountId)).map(toNumberView);
}
