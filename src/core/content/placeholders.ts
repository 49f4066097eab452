/**
 * Unfilled template placeholders ({{first_name}}, {first_name}, [First Name], %FIRSTNAME%, <FNAME>,
 * *|FNAME|*, ${name}). A text that reaches a consumer with a raw merge field looks like a bulk or
 * fraudulent message and identifies the sender badly (CTIA P&BP 2023 §5.3.1 deceptive content;
 * carrier spam filtering, Twilio error 30007). Square, angle and percent forms are matched only for
 * merge-field names (name, date, link …) or UPPER_SNAKE identifiers, so "[sic]" or "50%" do not fire.
 */
import type { Reason } from '../types.js';
import type { CodeReport, ContentRule, RuleTable } from './match.js';
import { runRules } from './match.js';

const FIELD =
  '(?:(?:first|last|full|customer|contact|company|business|agent|client|patient|recipient|user|your|rep|store|office|practice|doctor|dr)[ _.-]?name|name|first|fname|lname|firstname|lastname|date|time|appointment[ _-]?(?:date|time)|link|url|address|phone(?:[ _-]?number)?|email|amount|code|city|company|business|agent|store|location|price|discount|coupon(?:[ _-]?code)?|order[ _-]?(?:id|number))';

/** content.placeholder_unfilled rule table. */
export const PLACEHOLDER_RULES: readonly ContentRule[] = [
  { id: 'placeholder.double_brace', label: 'a {{…}} merge field', pattern: /\{\{\{?\s*[^{}\n]{1,40}?\s*\}\}\}?/g },
  { id: 'placeholder.dollar_brace', label: 'a ${…} template variable', pattern: /\$\{\s*[A-Za-z_][\w.]*\s*\}/g },
  { id: 'placeholder.mailchimp', label: 'a *|…|* merge tag', pattern: /\*\|[A-Za-z0-9_:]+\|\*/g },
  { id: 'placeholder.single_brace', label: 'a {…} merge field', pattern: /(?<![{$])\{\s*[A-Za-z_][\w .-]{0,30}\}(?!\})/g },
  { id: 'placeholder.percent', label: 'a %…% merge field', pattern: new RegExp(`(?<![\\d%\\w])%(?:${FIELD}|[A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{4,})%`, 'gi') },
  { id: 'placeholder.square', label: 'a [...] merge field', pattern: new RegExp(`\\[\\s*(?:${FIELD}|[A-Z][A-Z0-9]*_[A-Z0-9_]+)\\s*\\]`, 'gi') },
  { id: 'placeholder.angle', label: 'a <…> merge field', pattern: new RegExp(`<\\s*(?:${FIELD}|[A-Z][A-Z0-9]*_[A-Z0-9_]+|FNAME|LNAME)\\s*>`, 'gi') },
];

/** Every placeholder form contains one of these characters. */
const PLACEHOLDER_GUARD = /[{[%<*$]/;

const PLACEHOLDER: CodeReport = {
  code: 'content.placeholder_unfilled',
  severity: 'block',
  message: (label, span) => `Contains ${label} that was never filled in ("${span.text}").`,
  fix: 'Fill in the merge field for this recipient before sending, or remove it.',
};

/** content.placeholder_unfilled table (rules, report, guard) for checkContent. */
export const PLACEHOLDER_TABLE: RuleTable = { rules: PLACEHOLDER_RULES, report: PLACEHOLDER, guard: PLACEHOLDER_GUARD };

/** content.placeholder_unfilled reasons. */
export function checkPlaceholders(text: string, norm: string): Reason[] {
  if (!PLACEHOLDER_GUARD.test(text)) return [];
  return runRules(text, norm, PLACEHOLDER_RULES, PLACEHOLDER);
}
