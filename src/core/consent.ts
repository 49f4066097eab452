import { missingEvidence } from './consent-evidence.js';
import { revokedPurposes, type RevocationScope } from './revocation-scope.js';
import type { ConsentChannel, Purpose } from './types.js';

/** One consent record, as kept in the ledger (the current state derived from its events). */
export interface ConsentRecord {
  /** Ledger id, when the record comes from a store; carried into decisions for audits. */
  id?: string;
  channel: ConsentChannel;
  purposes: readonly Purpose[];
  /**
   * How consent was captured: one of CONSENT_METHODS (consent-evidence.ts) for grants, of
   * REVOCATION_METHODS for opt-outs. Ledger rows written before those lists existed keep their free
   * text and are read as they are (docs/consent.md).
   */
  method: string;
  /** Prior express written consent (47 CFR 64.1200(f)(9)): signed, E-SIGN counts. */
  written: boolean;
  grantedAt: Date | string;
  revokedAt?: Date | string;
  /** The purposes the revocation at revokedAt named; absent: all (revocation-scope.ts decides how far it reaches). */
  revokedPurposes?: readonly Purpose[];
  /** Who, how, where: form URL and text hash, IP, user agent, keyword message, recording… */
  evidence?: Readonly<Record<string, unknown>>;
}

/**
 * Consent older than this is due for re-confirmation. Policy, not statute: we borrow the 18 months
 * of the FTC Telemarketing Sales Rule's established business relationship (16 CFR 310.2(q));
 * no CTIA or FCC text sets a consent expiry (unverified as a carrier requirement).
 */
export const CONSENT_RECHECK_MONTHS = 18;

export type ConsentCheck =
  | { kind: 'covered'; index: number; record: ConsentRecord; recheckDue: boolean }
  | { kind: 'revoked'; index: number; record: ConsentRecord; revokedAt: Date }
  | { kind: 'evidence_missing'; index: number; record: ConsentRecord; missing: string[] }
  | { kind: 'not_written'; index: number; record: ConsentRecord }
  | { kind: 'wrong_channel'; index: number; record: ConsentRecord }
  | { kind: 'missing' };

/** Marketing consent also covers informational and transactional texts (it is the broadest grant). */
function purposeCovered(granted: readonly Purpose[], purpose: Purpose): boolean {
  return granted.includes(purpose) || granted.includes('marketing');
}

/** Parse a record date; invalid dates count as absent so a bad record never grants consent. */
function toTime(value: Date | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** `date` plus `months` calendar months, in UTC. */
function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Finds the consent that covers a text of `purpose` at `now`. Only SMS consent covers a text
 * (email or voice consent never does); marketing needs prior express written consent
 * (47 CFR 64.1200(a)(2), (f)(9)) with the evidence of its signature (consent-evidence.ts): a written
 * grant without it still covers informational and transactional texts. A revocation cancels every
 * SMS grant made before it, whatever purpose it was given for (47 CFR 64.1200(a)(10): revocation by any reasonable means; we scope
 * an opt-out to the whole sender, as CTIA expects); only a later grant covers again. A record
 * carrying its own past revokedAt never covers, whatever date its grant claims. A revocation never
 * ages out: Virginia has a STOP honoured for at least ten years (Va. Code 59.1-510 et seq. as amended
 * effective 2026-01-01; section unverified, docs/consent.md), so none is dropped at any age. When
 * nothing covers, the result names the closest miss so the caller can say exactly what to fix.
 */
export function findCoveringConsent(
  records: readonly ConsentRecord[],
  purpose: Purpose,
  now: Date,
  options: { revocationScope?: RevocationScope } = {},
): ConsentCheck {
  const nowMs = now.getTime();
  const scope = options.revocationScope ?? 'all';
  const stops = (record: ConsentRecord): boolean => revokedPurposes(record.revokedPurposes, scope, now).includes(purpose);
  let lastRevocation: { index: number; at: number } | undefined;
  for (const [index, record] of records.entries()) {
    if (record.channel !== 'sms') continue;
    const at = toTime(record.revokedAt);
    if (at !== undefined && at <= nowMs && stops(record) && (lastRevocation === undefined || at > lastRevocation.at)) lastRevocation = { index, at };
  }

  let best: { index: number; granted: number } | undefined;
  let revoked = false;
  let evidenceMissing: { index: number } | undefined;
  let notWritten: number | undefined;
  let wrongChannel: number | undefined;
  for (const [index, record] of records.entries()) {
    const granted = toTime(record.grantedAt);
    if (granted === undefined || granted > nowMs || !purposeCovered(record.purposes, purpose)) continue;
    const ownRevocation = record.revokedAt !== undefined && stops(record) ? toTime(record.revokedAt) : undefined;
    if (record.channel !== 'sms') {
      wrongChannel ??= index;
    } else if ((lastRevocation !== undefined && granted <= lastRevocation.at) || (ownRevocation !== undefined && ownRevocation <= nowMs)) {
      // closed by a revocation, even one dated before the grant's own date (a grant dated ahead)
      revoked = true;
    } else if (purpose === 'marketing' && !record.written) {
      notWritten ??= index;
    } else if (purpose === 'marketing' && missingEvidence(record.method, record.evidence).length > 0) {
      // written: true without the signature's evidence is a claim, not proof (47 CFR 64.1200(f)(9))
      evidenceMissing ??= { index };
    } else if (best === undefined || granted > best.granted) {
      // The most recent grant wins: it is the one an auditor would ask for.
      best = { index, granted };
    }
  }

  if (best !== undefined) {
    const recheckDue = addMonths(new Date(best.granted), CONSENT_RECHECK_MONTHS).getTime() <= nowMs;
    return { kind: 'covered', index: best.index, record: records[best.index] as ConsentRecord, recheckDue };
  }
  if (revoked && lastRevocation !== undefined) {
    const record = records[lastRevocation.index] as ConsentRecord;
    return { kind: 'revoked', index: lastRevocation.index, record, revokedAt: new Date(lastRevocation.at) };
  }
  if (evidenceMissing !== undefined) {
    const record = records[evidenceMissing.index] as ConsentRecord;
    return { kind: 'evidence_missing', index: evidenceMissing.index, record, missing: missingEvidence(record.method, record.evidence) };
  }
  if (notWritten !== undefined) return { kind: 'not_written', index: notWritten, record: records[notWritten] as ConsentRecord };
  if (wrongChannel !== undefined) return { kind: 'wrong_channel', index: wrongChannel, record: records[wrongChannel] as ConsentRecord };
  return { kind: 'missing' };
}
