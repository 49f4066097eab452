import type { FastifyReply, FastifyRequest } from 'fastify';
import { toError, UserError } from '../errors.js';

/**
 * Deepest nesting of a body, query or path value we accept. Every documented shape is at most a few
 * levels deep; a 100,000-deep array would otherwise overflow the stack of whatever walks it next.
 */
export const MAX_INPUT_DEPTH = 32;

// PostgreSQL text and jsonb cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00",
// https://www.postgresql.org/docs/current/datatype-character.html), and an unpaired UTF-16
// surrogate has no UTF-8 form (RFC 3629 §3), so neither can be stored or sent as a text.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with one string, or null. */
function stringProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored; remove it';
  const surrogate = LONE_SURROGATE.exec(s);
  if (surrogate !== null) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains an unpaired UTF-16 surrogate (U+${code}), which is not valid Unicode text; send well-formed UTF-8`;
  }
  return null;
}

/** `message.to`, `purposes[0]`, with the request part as prefix (as schema errors name fields). */
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${String(key)}]`;
  // a key holding the very characters we refuse is shown without them
  const safe = stringProblem(key) === null ? key : key.replaceAll('\u0000', '\ufffd').replace(/[\ud800-\udfff]/g, '\ufffd');
  return parent === '' ? safe : `${parent}.${safe}`;
}

/**
 * Checks a parsed value without recursion (its depth is what we are bounding): every string and
 * every object key must be storable text, and nothing may nest deeper than MAX_INPUT_DEPTH.
 * Throws UserError('INVALID_INPUT') naming the first field at fault.
 */
export function checkInputValue(value: unknown, root: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: v, path, depth } = item;
    const field = path === '' ? '(body)' : path;
    if (typeof v === 'string') {
      const problem = stringProblem(v);
      if (problem !== null) throw new UserError('INVALID_INPUT', `${field} ${problem}`, { field });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw new UserError('INVALID_INPUT', `${field} is nested more than ${String(MAX_INPUT_DEPTH)} levels deep; no field of this API nests that far`, { field });
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] as unknown, path: childPath(path, i), depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const keyProblem = stringProblem(key);
      const at = childPath(path, key);
      if (keyProblem !== null) throw new UserError('INVALID_INPUT', `the field name ${at} ${keyProblem}`, { field: at });
      stack.push({ value: child, path: at, depth: depth + 1 });
    }
  }
}

/**
 * A preValidation hook for the whole app: the path parameters, the query string and the parsed
 * body (JSON or form) of every request go through checkInputValue before any route sees them.
 */
export function inputGuard(request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
  try {
    checkInputValue(request.params, 'params');
    checkInputValue(request.query, 'query');
    checkInputValue(request.body, '');
  } catch (e) {
    done(toError(e));
    return;
  }
  done();
}
