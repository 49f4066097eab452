import type { Reason, SegmentCount, Severity } from '../core/types.js';
import { type CliIo, paint, type Style } from './io.js';

const SEVERITY_STYLE: Record<Severity, Style> = { block: 'red', defer: 'yellow', warn: 'yellow', info: 'blue' };

/** One reason as two or three short lines: severity, code and message; the matched text; the fix. */
export function renderReason(io: CliIo, reason: Reason): string {
  const head = `${paint(io, SEVERITY_STYLE[reason.severity], reason.severity.padEnd(5))}  ${paint(io, 'bold', reason.code)}  ${reason.message}`;
  const lines = [head];
  if (reason.span !== undefined) lines.push(`       ${paint(io, 'dim', 'at')} "${reason.span.text}" (chars ${reason.span.start}–${reason.span.end})`);
  if (reason.sev0Tier !== undefined) lines.push(`       ${paint(io, 'dim', 'risk')} T-Mobile Sev-0 tier ${reason.sev0Tier}`);
  if (reason.fix !== undefined) lines.push(`       ${paint(io, 'dim', 'fix')} ${reason.fix}`);
  return lines.join('\n');
}

export function renderSegments(segments: SegmentCount): string {
  const unit = segments.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units';
  let line = `${segments.count} segment${segments.count === 1 ? '' : 's'} · ${segments.encoding} · ${segments.units} ${unit} (${segments.unitsPerSegment} per segment, ${segments.remaining} left)`;
  if (segments.ucs2Characters.length > 0) {
    const chars = segments.ucs2Characters.slice(0, 8).map((c) => (c.replacement === undefined ? `${c.char} (${c.codePoint})` : `${c.char} → ${JSON.stringify(c.replacement)}`));
    line += `\nUCS-2 forced by: ${chars.join(', ')}${segments.ucs2Characters.length > 8 ? ', …' : ''}`;
  }
  if (segments.smartEncoded !== undefined) {
    line += `\nWith smart encoding: ${segments.smartEncoded.count} segment${segments.smartEncoded.count === 1 ? '' : 's'} (${segments.smartEncoded.encoding})`;
  }
  return line;
}

export function verdictLine(io: CliIo, verdict: 'allow' | 'defer' | 'block' | 'warn' | 'ok'): string {
  const style: Style = verdict === 'block' ? 'red' : verdict === 'allow' || verdict === 'ok' ? 'green' : 'yellow';
  return paint(io, style, paint(io, 'bold', verdict.toUpperCase()));
}
