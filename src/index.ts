/**
 * Clearsend's public library API: the pure rules engine. Stable from 0.1: `evaluate`,
 * `countSegments`, `classifyInbound`, `lintMessage`, `lintOptIn`, `parsePhone`.
 */
export { evaluate, type EvaluateRequest } from './core/policy.js';
export { countSegments, smartEncode, isGsm7 } from './core/segments.js';
export { classifyInbound } from './core/keywords.js';
export { lintMessage, type LintOptions, type LintResult } from './core/lint.js';
export { lintOptIn, OptInFormTooLarge } from './core/optin-lint.js';
export { parsePhone, type ParsedPhone, type E164 } from './core/phone.js';
export { findCoveringConsent, type ConsentRecord, type ConsentCheck } from './core/consent.js';
export { CONSENT_METHODS, REVOCATION_METHODS, REQUIRED_EVIDENCE, missingEvidence, type ConsentMethod, type RevocationMethod } from './core/consent-evidence.js';
export { REVOCATION_SCOPES, REVOKE_ALL_FROM, revokedPurposes, type RevocationScope } from './core/revocation-scope.js';
export { nextAllowedInstant, type QuietHoursInput, type QuietHoursPolicy, type QuietHoursResult } from './core/quiet-hours.js';
export { checkContent } from './core/content/index.js';
export { doNotCallReasons, DNC_SOURCES, type DncSource, type DoNotCallEntry, type DoNotCallPolicy } from './core/do-not-call.js';
export { texasRegistrationReasons, type TexasSolicitationSettings } from './core/texas-registration.js';
export { njIdentificationReasons, hasCallbackNumber } from './core/nj-identification.js';
export { RULE_SET_VERSION } from './core/rule-set.js';
export { parseEvaluateRequest } from './http/schemas/evaluate.js';
export { UserError } from './errors.js';
export * from './core/types.js';
