/**
 * How consent was captured, and the evidence of the signature that prior express written consent
 * needs before it covers marketing (47 CFR 64.1200(f)(9): a written agreement bearing the signature
 * of the person; E-SIGN Act, 15 U.S.C. 7001, lets that signature be electronic). docs/consent.md
 * lists what each method needs and why.
 */

/** How a grant was captured. The same list feeds the HTTP schema and the ledger's check constraint. */
export const CONSENT_METHODS = ['web_form', 'paper_form', 'keyword', 'double_opt_in', 'verbal', 'import', 'api'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * How an opt-out reached us: a STOP-type keyword, a plain-language reply ("please stop texting me"),
 * a call, an email, a form, or recorded by hand without more detail (`manual`). 47 CFR 64.1200(a)(10)
 * lets a person revoke by any reasonable means, so this names the route, it never limits it.
 */
export const REVOCATION_METHODS = ['keyword', 'reply_phrase', 'verbal', 'email', 'web_form', 'paper_form', 'api', 'manual'] as const;
export type RevocationMethod = (typeof REVOCATION_METHODS)[number];

/** True for a method in CONSENT_METHODS; ledger rows written before the list existed may hold others. */
export function isConsentMethod(method: string): method is ConsentMethod {
  return (CONSENT_METHODS as readonly string[]).includes(method);
}

/** True for a method in REVOCATION_METHODS. */
export function isRevocationMethod(method: string): method is RevocationMethod {
  return (REVOCATION_METHODS as readonly string[]).includes(method);
}

/** One piece of evidence: satisfied by any of its keys holding a value (the first key is the name we document). */
type EvidenceField = readonly [string, ...string[]];

const MESSAGE_ID: EvidenceField = ['inboundMessageId', 'providerMessageId'];

/**
 * The evidence each method needs before a written grant covers marketing. web_form, keyword and
 * double_opt_in follow the CTIA Messaging Principles and Best Practices (2023) §5.1.1–5.1.2 (the
 * disclosure shown, the affirmative act; unverified: quoted, not read) and the F3 notes of
 * 47 CFR 64.1200(f)(9); paper_form and verbal follow E-SIGN (a signed document; a recording as the
 * electronic signature). import and api are Clearsend policy (unverified as a legal requirement):
 * the consent was signed elsewhere, so the record must say where to find that signature.
 */
export const REQUIRED_EVIDENCE: Readonly<Record<ConsentMethod, readonly EvidenceField[]>> = {
  web_form: [['formUrl', 'url'], ['formTextSha256', 'formText', 'formTextHash'], ['checkbox']],
  keyword: [MESSAGE_ID],
  double_opt_in: [MESSAGE_ID],
  paper_form: [['documentRef']],
  verbal: [['recordingRef', 'recording']],
  import: [['source'], ['sourceRef']],
  api: [['sourceRef']],
};

/** Every key any method accepts: a legacy (free-text) method is read as is and needs one of them. */
const ANY_SIGNATURE: EvidenceField = ['documentRef', ...new Set(Object.values(REQUIRED_EVIDENCE).flat(2).filter((k) => k !== 'documentRef' && k !== 'checkbox'))] as EvidenceField;

const LEGACY: readonly EvidenceField[] = [ANY_SIGNATURE];

/** A value that records something: a non-blank string, a finite number, or `true` (a ticked checkbox). */
function present(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  return value === true;
}

/**
 * The evidence fields a written grant captured by `method` lacks (empty when it has all it needs),
 * each named as `a (or b)` so the fix can list them. A method outside CONSENT_METHODS (a legacy
 * ledger row) needs one signature reference of any method.
 */
export function missingEvidence(method: string, evidence: Readonly<Record<string, unknown>> | undefined): string[] {
  const fields = isConsentMethod(method) ? REQUIRED_EVIDENCE[method] : LEGACY;
  const given = evidence ?? {};
  return fields
    .filter((keys) => !keys.some((k) => present(given[k])))
    .map((keys) => (keys[0] === 'checkbox' ? 'checkbox: true' : keys.length === 1 ? keys[0] : `${keys[0]} (or ${keys.slice(1).join(', ')})`));
}
