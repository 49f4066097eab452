/**
 * Texas telephone-solicitation registration. SB 140 (89th Leg., 2025; effective 2025-09-01) brings
 * text messages into "telephone solicitation" of Tex. Bus. & Com. Code ch. 302, whose § 302.101
 * forbids a seller to solicit a purchaser in Texas without a registration certificate from the
 * Secretary of State. Sources: SB 140 as summarised by Paul Hastings (2025-08-28) and Foster Garvey
 * (2025-09-25); the ch. 302 text itself was not read here: unverified from a primary source. A
 * November 2025 settlement reportedly exempts consent-based marketing texts from registration
 * (Varnum; SlickText 2025-11-24): unverified from a primary source. Pure.
 */
import type { Purpose, Reason } from './types.js';

/** What the account recorded about Texas (account settings `texasSolicitation`). */
export interface TexasSolicitationSettings {
  /** Registration certificate number issued by the Texas Secretary of State under ch. 302. */
  registrationNumber?: string;
  /** The day the registration took effect (YYYY-MM-DD). */
  registeredOn?: string;
  /** The account relies on the consent-based exemption (every marketing text it sends has the recipient's consent). */
  consentExemption?: boolean;
}

/** SB 140 takes effect at midnight Central time, 2025-09-01. */
export const TX_SB140_EFFECTIVE = new Date('2025-09-01T05:00:00Z');

/**
 * A `warn` when a marketing text to a Texas recipient is sent by an account that recorded neither
 * a registration in force at `now` nor reliance on the consent exemption. A warning, not a block:
 * marketing texts here always need prior express written consent (consent.not_written blocks the
 * rest), so the exemption most likely covers every text that gets this far, and only the account
 * knows whether it registered or relies on the exemption.
 */
export function texasRegistrationReasons(input: {
  purpose: Purpose;
  states: readonly string[];
  now: Date;
  settings?: TexasSolicitationSettings;
}): Reason[] {
  if (input.purpose !== 'marketing' || !input.states.includes('TX')) return [];
  if (input.now.getTime() < TX_SB140_EFFECTIVE.getTime()) return [];
  const s = input.settings ?? {};
  if (s.consentExemption === true) return [];
  const number = s.registrationNumber?.trim() ?? '';
  // YYYY-MM-DD strings compare as dates (the UTC day of `now`)
  const today = input.now.toISOString().slice(0, 10);
  if (number !== '' && (s.registeredOn === undefined || s.registeredOn <= today)) return [];
  const dated = number !== '' && s.registeredOn !== undefined ? ` The registration on record (${number}) takes effect on ${s.registeredOn}.` : '';
  return [{
    code: 'state.tx_registration_missing',
    severity: 'warn',
    message: `Texas requires telephone solicitors, including senders of marketing texts since 2025-09-01, to register with the Secretary of State unless exempt (Tex. Bus. & Com. Code ch. 302 as amended by SB 140); this account has recorded neither a registration nor reliance on the consent exemption.${dated}`,
    fix: 'Record the Texas registration (PATCH /v1/account settings.texasSolicitation.registrationNumber and registeredOn) or, if every marketing text has the recipient\'s consent, settings.texasSolicitation.consentExemption: true.',
    rule: 'TX-302',
  }];
}
