/**
 * Small pieces the dashboard pages share: a status badge that says its state in words (colour is
 * never the only signal), an error notice screen readers announce, a verdict badge, a reason list.
 */
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.js';
import type { Reason, Verdict } from '../dashboard-types.js';
import { formatInstant, reasonLabel, type ThresholdStatus } from '../figures.js';
import './pages.css';

/** A coloured badge whose text states the level. */
export function StatusBadge({ status }: { status: ThresholdStatus }) {
  return <span class={`pg-badge pg-badge-${status.level}`}>{status.level === 'over' ? '⚠ ' : ''}{status.text}</span>;
}

/** An API failure, announced (role=alert) with what the server said. */
export function ErrorNotice({ error, what }: { error: ApiError | null; what: string }) {
  if (error === null) return null;
  return (
    <p class="pg-error" role="alert">
      Could not load {what}: {error.message}{error.status > 0 ? ` (HTTP ${error.status})` : ''}.
    </p>
  );
}

/** A titled section with an id for in-page links. */
export function Section({ id, title, children, actions }: { id: string; title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="pg-section" aria-labelledby={`${id}-title`}>
      <div class="pg-section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

const VERDICT_TEXT: Record<Verdict, string> = { allow: 'Allowed: it can be sent', defer: 'Deferred: it will wait', block: 'Blocked: it will not be sent' };
const VERDICT_ICON: Record<Verdict, string> = { allow: '✓', defer: '⏸', block: '✕' };

/** The verdict in words with an icon and a colour. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span class={`pg-verdict pg-verdict-${verdict}`} data-testid="verdict" data-verdict={verdict}>
      <span aria-hidden="true">{VERDICT_ICON[verdict]} </span>{VERDICT_TEXT[verdict]}
    </span>
  );
}

const SEVERITY_TEXT: Record<Reason['severity'], string> = { block: 'Blocks', defer: 'Defers', warn: 'Warning', info: 'Note' };

/** Every reason with its message and fix. */
export function ReasonList({ reasons }: { reasons: readonly Reason[] }) {
  if (reasons.length === 0) return <p class="pg-muted">No problems found.</p>;
  return (
    <ul class="pg-reasons" data-testid="reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} class={`pg-reason pg-reason-${r.severity}`} data-code={r.code}>
          <p class="pg-reason-head">
            <span class={`pg-sev pg-sev-${r.severity}`}>{SEVERITY_TEXT[r.severity]}</span>{' '}
            <strong>{reasonLabel(r.code)}</strong> <code>{r.code}</code>
            {r.sev0Tier === undefined ? null : <span class="pg-sev0"> · Sev-0 tier {r.sev0Tier}</span>}
          </p>
          <p>{r.message}</p>
          {r.span === undefined ? null : <p class="pg-muted">In the text: “<mark>{r.span.text}</mark>”</p>}
          {r.fix === undefined ? null : <p class="pg-fix"><span class="pg-fix-label">Fix:</span> {r.fix}</p>}
          {r.until === undefined ? null : <p class="pg-muted">Holds until {formatInstant(r.until)} (your time)</p>}
        </li>
      ))}
    </ul>
  );
}

/** A horizontally scrollable box for a wide table; focusable so keyboard users can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return <div class="pg-table-wrap" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}
