/**
 * Built-in inbound keyword lists (whole-message keywords), by language and kind, with the source
 * each word comes from. Hand-maintained; docs/keywords.md explains every source and how well it is
 * verified. Keywords are written in their normalised form: upper case, ASCII, single spaces.
 */

/** Languages with a built-in keyword list. */
export const KEYWORD_LANGUAGES = ['en', 'es', 'fr'] as const;
export type KeywordLanguage = (typeof KEYWORD_LANGUAGES)[number];

/** The keyword kinds a whole-message keyword can have. */
export type KeywordKind = 'opt_out' | 'opt_in' | 'help';

/** Where a keyword comes from (ids resolved in docs/keywords.md §Sources). */
export type KeywordSource =
  | 'fcc-64.1200-a10'
  | 'ctia-2023-5.1.3'
  | 'twilio-default'
  | 'twilio-advanced-opt-out'
  | 'telnyx-default'
  | 'aws-eum-required'
  | 'twilio-spanish-short-code'
  | 'aivo-es-optout';

/** One built-in keyword. */
export interface BuiltinKeyword {
  /** Normalised keyword (upper case, no accents, single spaces). */
  keyword: string;
  kind: KeywordKind;
  language: KeywordLanguage;
  sources: readonly KeywordSource[];
}

/**
 * Built-in keywords. English: FCC 47 CFR 64.1200(a)(10) per-se revocation words (stop, quit, end,
 * revoke, opt out, cancel, unsubscribe), CTIA Messaging Principles & Best Practices (2023) §5.1.3,
 * and the provider defaults (Twilio, Telnyx, AWS End User Messaging). Spanish: Twilio's
 * Spanish-language short-code requirements (ALTO, AYUDA) and a Spanish-language provider help page
 * (Aivo) for PARAR, DETENER, BAJA, CANCELAR; no sourced Spanish opt-in keyword was found.
 * French (Canada): ARRET and TD, both on AWS End User Messaging's required opt-out list.
 */
export const BUILTIN_KEYWORDS: readonly BuiltinKeyword[] = [
  // English opt-out
  { keyword: 'STOP', kind: 'opt_out', language: 'en', sources: ['fcc-64.1200-a10', 'ctia-2023-5.1.3', 'twilio-default'] },
  { keyword: 'STOPALL', kind: 'opt_out', language: 'en', sources: ['twilio-default', 'telnyx-default'] },
  { keyword: 'STOP ALL', kind: 'opt_out', language: 'en', sources: ['telnyx-default'] },
  { keyword: 'UNSUBSCRIBE', kind: 'opt_out', language: 'en', sources: ['fcc-64.1200-a10', 'ctia-2023-5.1.3', 'twilio-default'] },
  { keyword: 'CANCEL', kind: 'opt_out', language: 'en', sources: ['fcc-64.1200-a10', 'ctia-2023-5.1.3', 'twilio-default'] },
  { keyword: 'END', kind: 'opt_out', language: 'en', sources: ['fcc-64.1200-a10', 'ctia-2023-5.1.3', 'twilio-default'] },
  { keyword: 'QUIT', kind: 'opt_out', language: 'en', sources: ['fcc-64.1200-a10', 'ctia-2023-5.1.3', 'twilio-default'] },
  { keyword: 'REVOKE', kind: 'opt_out', language: 'en', sources: ['fcc-64.1200-a10', 'twilio-advanced-opt-out'] },
  { keyword: 'OPTOUT', kind: 'opt_out', language: 'en', sources: ['twilio-advanced-opt-out', 'aws-eum-required'] },
  { keyword: 'OPT OUT', kind: 'opt_out', language: 'en', sources: ['fcc-64.1200-a10', 'aws-eum-required'] },
  { keyword: 'REMOVE', kind: 'opt_out', language: 'en', sources: ['aws-eum-required'] },
  // English opt-in
  { keyword: 'START', kind: 'opt_in', language: 'en', sources: ['twilio-default', 'ctia-2023-5.1.3'] },
  { keyword: 'YES', kind: 'opt_in', language: 'en', sources: ['twilio-default'] },
  { keyword: 'UNSTOP', kind: 'opt_in', language: 'en', sources: ['twilio-default', 'ctia-2023-5.1.3'] },
  // English help
  { keyword: 'HELP', kind: 'help', language: 'en', sources: ['twilio-default', 'ctia-2023-5.1.3'] },
  { keyword: 'INFO', kind: 'help', language: 'en', sources: ['twilio-default'] },
  // Spanish opt-out
  { keyword: 'ALTO', kind: 'opt_out', language: 'es', sources: ['twilio-spanish-short-code'] },
  { keyword: 'PARAR', kind: 'opt_out', language: 'es', sources: ['aivo-es-optout'] },
  { keyword: 'DETENER', kind: 'opt_out', language: 'es', sources: ['aivo-es-optout'] },
  { keyword: 'CANCELAR', kind: 'opt_out', language: 'es', sources: ['aivo-es-optout'] },
  { keyword: 'BAJA', kind: 'opt_out', language: 'es', sources: ['aivo-es-optout'] },
  // Spanish help
  { keyword: 'AYUDA', kind: 'help', language: 'es', sources: ['twilio-spanish-short-code'] },
  // French opt-out (Canada): AWS End User Messaging's required opt-out list (ARRÊT normalises to ARRET)
  { keyword: 'ARRET', kind: 'opt_out', language: 'fr', sources: ['aws-eum-required'] },
  { keyword: 'TD', kind: 'opt_out', language: 'fr', sources: ['aws-eum-required'] },
];
