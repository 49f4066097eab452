/** Test helper (not exported from the package): the reasons of one code for a text. */
import type { Reason, ReasonCode } from '../types.js';
import { checkContent } from './index.js';

/** Reasons of `code` that checkContent reports for `text`. */
export function reasonsOf(text: string, code: ReasonCode): Reason[] {
  return checkContent(text).filter((r) => r.code === code);
}

/** The first reason of `code`, asserting its span covers `expected` at its first occurrence. */
export function spanCheck(text: string, code: ReasonCode, expected: string): { ok: boolean; got: string } {
  const r = reasonsOf(text, code)[0];
  const start = text.indexOf(expected);
  const ok = r?.span !== undefined && r.span.start === start && r.span.end === start + expected.length && r.span.text === expected;
  return { ok, got: r?.span === undefined ? '(none)' : `${r.span.start}-${r.span.end} "${r.span.text}"` };
}
