import { PURPOSES, type Purpose } from './types.js';

/**
 * How far an opt-out reaches. `all` (the default): every SMS text of the sender, the conservative
 * reading CTIA expects (Messaging Principles 2023 §5.1.3, P-). `named_purposes`: an account's choice
 * that a revocation naming some purposes stops only those (and always marketing), which the FCC allows
 * only until its revoke-all rule applies (REVOKE_ALL_FROM). docs/consent.md explains the decision.
 */
export const REVOCATION_SCOPES = ['all', 'named_purposes'] as const;
export type RevocationScope = (typeof REVOCATION_SCOPES)[number];

/**
 * The compliance date of the "revoke-all" part of 47 CFR 64.1200(a)(10): a revocation in response to
 * one type of message applies to all future robotexts on unrelated matters. Delayed to 2027-01-31 by
 * FCC CGB Order DA 26-12 (2026-01-06; P-, quoted). Taken as 00:00 on that date in Guam (UTC+10), the
 * first US time zone to reach it, so no recipient gets a scoped revocation on that date.
 */
export const REVOKE_ALL_FROM = new Date('2027-01-30T14:00:00Z');

/**
 * The purposes a revocation stops at `now`. `named` is what the revocation covered (undefined: it named
 * none, so all). Only with the `named_purposes` scope and before REVOKE_ALL_FROM is it narrower than
 * every purpose, and even then it always includes marketing: a person who opts out of anything is
 * never sent advertising on the strength of the consent they just withdrew part of (our policy, U).
 */
export function revokedPurposes(named: readonly Purpose[] | undefined, scope: RevocationScope, now: Date): readonly Purpose[] {
  if (scope === 'all' || named === undefined || now.getTime() >= REVOKE_ALL_FROM.getTime()) return PURPOSES;
  return PURPOSES.filter((p) => p === 'marketing' || named.includes(p));
}
