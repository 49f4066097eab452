/**
 * The account's do-not-call list: numbers it scrubbed against the National Do Not Call Registry
 * (`national`) and numbers whose owners asked it not to call (`internal`, its company-specific
 * list). Marketing texts to a listed number are blocked. Sources (none re-read here, so the
 * wording of each is unverified from the primary text):
 * - 47 CFR 64.1200(c)(2) (national registry; (c)(2)(ii) lets a signed written agreement with the
 *   seller override it) and 64.1200(d) (company-specific list); 64.1200(e) applies both to
 *   wireless numbers, and the FCC's December 2023 order (FCC 23-107) codified that they cover texts.
 * - A.R.S. § 44-1282 as amended by HB 2498 (2023): the national-registry ban covers texts
 *   (vulcanbills.com, Manatt).
 * - Va. Code § 59.1-514 (Virginia Telephone Privacy Protection Act; texts covered since 2020):
 *   national-registry and internal-list bans (mwcllc.com 2025-05-13, Mondaq).
 * Pure.
 */
import type { Purpose, Reason } from './types.js';

/** Where a listed number came from. */
export const DNC_SOURCES = ['national', 'internal'] as const;
export type DncSource = (typeof DNC_SOURCES)[number];

/** One entry of the account's list, as the decision needs it. */
export interface DoNotCallEntry {
  source: DncSource;
}

/** Account choices for the list (account settings `doNotCall`); every field has a default. */
export interface DoNotCallPolicy {
  /**
   * Let prior express written consent override a `national` entry, as 47 CFR 64.1200(c)(2)(ii)
   * allows. Default false: the engine cannot check that the consent on record is the signed
   * agreement with this seller naming the number that the rule asks for, and the Arizona and
   * Virginia exemptions were not read. `internal` entries are never overridden.
   */
  writtenConsentOverridesNational: boolean;
}

export const DEFAULT_DO_NOT_CALL_POLICY: DoNotCallPolicy = { writtenConsentOverridesNational: false };

const STATE_CITATIONS: Readonly<Record<string, string>> = {
  AZ: 'A.R.S. § 44-1282',
  VA: 'Va. Code § 59.1-514',
};

/**
 * `dnc.listed` (block) when a marketing text goes to a listed number, or `dnc.written_consent`
 * (info) when the policy lets the recipient's written consent override a `national` entry.
 * Informational and transactional texts are not telephone solicitations: no reason.
 */
export function doNotCallReasons(input: {
  purpose: Purpose;
  states: readonly string[];
  entry: DoNotCallEntry | undefined;
  /** The consent the decision relies on is written (prior express written consent). */
  writtenConsent: boolean;
  policy?: Partial<DoNotCallPolicy>;
}): Reason[] {
  const { entry } = input;
  if (entry === undefined || input.purpose !== 'marketing') return [];
  const override = input.policy?.writtenConsentOverridesNational ?? DEFAULT_DO_NOT_CALL_POLICY.writtenConsentOverridesNational;
  const federal = entry.source === 'national' ? '47 CFR 64.1200(c)(2)' : '47 CFR 64.1200(d)';
  const states = input.states.flatMap((s) => (STATE_CITATIONS[s] === undefined ? [] : [STATE_CITATIONS[s]]));
  const cites = [federal, ...states].join('; ');
  if (entry.source === 'national' && override && input.writtenConsent) {
    return [{
      code: 'dnc.written_consent',
      severity: 'info',
      message: `The recipient is on this account's do-not-call list (national registry) but gave prior express written consent, which the account lets override the registry (47 CFR 64.1200(c)(2)(ii)).`,
      rule: 'DNC-national',
    }];
  }
  const what = entry.source === 'national'
    ? 'is on the National Do Not Call Registry (as scrubbed by this account)'
    : 'asked this account not to be contacted (its internal do-not-call list)';
  const fix = entry.source === 'national'
    ? 'Do not send marketing to this number. If the recipient signed a written agreement to receive this seller\'s marketing texts, counsel may allow settings.doNotCall.writtenConsentOverridesNational; otherwise remove the number from the audience.'
    : 'Do not send marketing to this number; remove the entry (DELETE /v1/dnc/{phone}) only if the recipient opts in again.';
  return [{
    code: 'dnc.listed',
    severity: 'block',
    message: `The recipient ${what}; marketing texts to it are not allowed (${cites}).`,
    fix,
    rule: entry.source === 'national' ? 'DNC-national' : 'DNC-internal',
  }];
}
