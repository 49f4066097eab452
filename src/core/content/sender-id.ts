/**
 * Sender identification: does the text name the brand (or one of its aliases)? CTIA P&BP 2023
 * §5.1.2.1 (program/brand name in messages) and carrier 10DLC campaign requirements; used by the
 * lead's lintMessage for `sender.identification_missing`.
 */
import type { Span } from '../types.js';
import { normalise, spanOf } from './match.js';

const ESCAPE = /[.*+?^${}()|[\]\\/]/g;

/** A case-insensitive, word-bounded pattern for one name; word gaps may be spaces, hyphens or dots, apostrophes are optional. */
function namePattern(name: string): RegExp | null {
  const trimmed = normalise(name).trim().replace(/^[\p{P}\p{S}\s]+|[.,:;!?\s]+$/gu, '');
  if (trimmed === '') return null;
  const body = trimmed
    .split(/[\s\-_.]+/)
    .filter((w) => w !== '')
    .map((w) => w.replace(ESCAPE, '\\$&').replace(/'/g, "'?"))
    .join('[\\s\\-_.]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

/**
 * The first place where the brand name or an alias appears (case-insensitive, word-bounded;
 * surrounding punctuation such as "Acme Realty:" or "-Acme" is ignored), or null.
 */
export function findSenderIdentification(text: string, names: readonly string[]): Span | null {
  const norm = normalise(text);
  let best: Span | null = null;
  for (const name of names) {
    const re = namePattern(name);
    if (re === null) continue;
    const m = re.exec(norm);
    if (m === null) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (best === null || start < best.start || (start === best.start && end > best.end)) best = spanOf(text, start, end);
  }
  return best;
}
