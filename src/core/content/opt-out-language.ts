/**
 * Opt-out language: does the text tell the recipient how to opt out with a standard keyword
 * ("Reply STOP to unsubscribe", "Text STOP to opt out", "STOP to end", "Responde ALTO para
 * cancelar")? CTIA P&BP 2023 §5.1.2.1 and §5.1.3 (standardised STOP wording); 47 CFR 64.1200(a)(10)
 * (stop, quit, end, revoke, opt out, cancel, unsubscribe). Creative variants such as "Reply 2 to
 * unsubscribe" do not count. Used by the lead's lintMessage for `optout.language_missing`.
 */
import type { Span } from '../types.js';
import { normalise, spanOf } from './match.js';

/** Standard opt-out keywords, English then Spanish. */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'END', 'CANCEL', 'UNSUBSCRIBE', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT', 'OPT-OUT', 'ALTO', 'PARAR', 'CANCELAR', 'BAJA'] as const;

const ESCAPE = /[.*+?^${}()|[\]\\/]/g;
const VERB = "(?:reply|text|txt|send|respond|message|msg|responde|responda|responder|env[ií]a|env[ií]e|manda|escribe|textea)";
const OUT_VERB =
  "(?:opt[- ]?out|unsubscribe|end|stop|cancel|quit|be removed|remove|unsub|cancelar|salir|darte de baja|darse de baja|dejar de recibir|terminar|no recibir|detener)";
/** After "Reply STOP": end of text, punctuation, or a connecting word ("to", "or", "para", "2"). */
const FOLLOW = "(?=\\s*$|\\s*[.,;:!?)\\]\\-\\u2013\\u2014]|\\s+(?:to|2|para|or|o|for|at|anytime|now|if|in|y|and)\\b)";

const cache = new Map<string, { verbFirst: RegExp; keywordFirst: RegExp }>();

function patterns(extra: readonly string[]): { verbFirst: RegExp; keywordFirst: RegExp } {
  const key = extra.join('\u0000');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const words = [...OPT_OUT_KEYWORDS, ...extra.map((k) => k.trim().toUpperCase()).filter((k) => k !== '')]
    .map((k) => k.replace(ESCAPE, '\\$&').replace(/\s+/g, '\\s+'))
    .sort((a, b) => b.length - a.length);
  const kw = `(?:${words.join('|')})`;
  const built = {
    // "Reply STOP", "Text STOP to opt out", "Responde ALTO para cancelar" (case-insensitive).
    verbFirst: new RegExp(
      `\\b${VERB}\\s+(?:with\\s+|the\\s+word\\s+|con\\s+|la\\s+palabra\\s+)?["'\u201C]?${kw}["'\u201D]?${FOLLOW}(?:\\s*(?:to|2|para)\\s+(?:[\\w']+\\s+){0,2}?${OUT_VERB}\\b)?`,
      'iu',
    ),
    // "STOP to end", "STOP=stop" keyword first: the keyword must be written in capitals.
    keywordFirst: new RegExp(`(?<![\\p{L}\\p{N}])${kw}\\s*(?:to|2|para|=|:)\\s*${OUT_VERB}\\b`, 'u'),
  };
  if (cache.size > 64) cache.clear();
  cache.set(key, built);
  return built;
}

/**
 * The first opt-out instruction with a standard keyword (STOP, END, CANCEL, UNSUBSCRIBE, QUIT,
 * STOPALL, REVOKE, OPTOUT; Spanish ALTO, PARAR, CANCELAR, BAJA; plus `extraKeywords`), or null.
 */
export function findOptOutLanguage(text: string, extraKeywords: readonly string[] = []): Span | null {
  const norm = normalise(text);
  const { verbFirst, keywordFirst } = patterns(extraKeywords);
  const a = verbFirst.exec(norm);
  const b = keywordFirst.exec(norm);
  const m = a !== null && (b === null || a.index <= b.index) ? a : b;
  if (m === null) return null;
  return spanOf(text, m.index, m.index + m[0].length);
}
