/**
 * Opt-in form checker: paste a sign-up form's HTML or its call-to-action text and see what carriers
 * will reject at campaign review (POST /v1/optin-lint, the core linter src/core/optin-lint.ts).
 */
import { useState } from 'preact/hooks';
import { apiSend, type ApiError } from '../api.js';
import type { OptInFinding, OptInLintResult } from '../dashboard-types.js';
import { optInElementLabel } from '../figures.js';
import { Section } from './parts.js';
import { toApiError } from './use-api.js';
import './pages.css';

type Format = 'auto' | 'html' | 'text';

const EXAMPLE = `<form action="/signup" method="post">
  <label>Mobile number <input type="tel" name="phone" required></label>
  <label><input type="checkbox" name="sms" checked required>
    Text me new listings and showing reminders from Acme Realty.</label>
  <p>Reply STOP to opt out. <a href="/privacy">Privacy policy</a></p>
  <button>Sign up</button>
</form>`;

/** Whether pasted input is HTML (a tag) or plain text, as the page sends it when set to automatic. */
export function detectFormat(input: string): 'html' | 'text' {
  return /<\/?[a-zA-Z][\w-]*(\s[^>]*)?>/.test(input) ? 'html' : 'text';
}

const STATUS_TEXT: Record<OptInFinding['status'], string> = { missing: '✕ Missing', problem: '⚠ Problem', present: '✓ Present' };

/** The opt-in checker page. */
export function OptinPage() {
  const [input, setInput] = useState('');
  const [format, setFormat] = useState<Format>('auto');
  const [result, setResult] = useState<OptInLintResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (e: Event) => {
    e.preventDefault();
    if (input.trim() === '') {
      setError(toApiError(new Error('Paste the form\'s HTML or its text first.')));
      setResult(null);
      return;
    }
    const as = format === 'auto' ? detectFormat(input) : format;
    setBusy(true);
    setError(null);
    try {
      setResult(await apiSend<OptInLintResult>('POST', '/v1/optin-lint', as === 'html' ? { html: input } : { text: input }));
    } catch (err: unknown) {
      setError(toApiError(err));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const rejected = result?.findings.filter((f) => f.status !== 'present') ?? [];
  const present = result?.findings.filter((f) => f.status === 'present') ?? [];

  return (
    <div class="pg-page" data-testid="optin-page">
      <div class="pg-page-head">
        <h1>Opt-in form checker</h1>
        <p class="pg-muted">Carriers review the form where people sign up for your texts before they approve a 10DLC campaign. Paste it to see what they will reject.</p>
      </div>
      <form class="pg-form" aria-label="Opt-in form to check" onSubmit={(e) => { void check(e); }} noValidate>
        <div class="pg-field">
          <label for="optin-input">Form HTML or call-to-action text</label>
          <textarea
            id="optin-input" rows={10} value={input} spellcheck={false} class="pg-mono"
            onInput={(e) => { setInput(e.currentTarget.value); }}
            aria-invalid={error !== null && error.status === 0} aria-describedby={error === null ? undefined : 'optin-error'}
          />
        </div>
        <fieldset class="pg-segmented">
          <legend>Read it as</legend>
          {(['auto', 'html', 'text'] as const).map((f) => (
            <label key={f} class={f === format ? 'pg-seg-on' : ''}>
              <input type="radio" name="optin-format" value={f} checked={f === format} onChange={() => { setFormat(f); }} />
              {f === 'auto' ? 'Detect' : f === 'html' ? 'HTML' : 'Plain text'}
            </label>
          ))}
        </fieldset>
        <div class="pg-actions">
          <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Check the form'}</button>
          <button type="button" class="pg-secondary" onClick={() => { setInput(EXAMPLE); setFormat('auto'); }}>Load an example</button>
        </div>
        {error === null ? null : <p class="pg-error" role="alert" id="optin-error">{error.message}</p>}
      </form>

      <Section id="optin-result" title="Result">
        <p class="pg-live" aria-live="polite" data-testid="optin-summary">
          {result === null ? (busy ? 'Checking…' : '') : result.ok
            ? `✓ Nothing missing: carriers should accept this ${result.format === 'html' ? 'form' : 'text'}.`
            : `✕ Carriers will likely reject this ${result.format === 'html' ? 'form' : 'text'}: ${count(rejected, 'missing')} missing, ${count(rejected, 'problem')} problem${count(rejected, 'problem') === 1 ? '' : 's'}.`}
        </p>
        {result === null ? null : (
          <>
            {rejected.length === 0 ? null : (
              <>
                <h3 class="pg-h3">What carriers will reject</h3>
                <FindingList findings={rejected} testId="optin-rejected" />
              </>
            )}
            {present.length === 0 ? null : (
              <details open={rejected.length === 0}>
                <summary>What is already there ({present.length})</summary>
                <FindingList findings={present} testId="optin-present" />
              </details>
            )}
          </>
        )}
      </Section>
    </div>
  );
}

function count(findings: OptInFinding[], status: OptInFinding['status']): number {
  return findings.filter((f) => f.status === status).length;
}

function FindingList({ findings, testId }: { findings: OptInFinding[]; testId: string }) {
  return (
    <ul class="pg-reasons" data-testid={testId}>
      {findings.map((f, i) => (
        <li key={`${f.element}-${i}`} class={`pg-reason pg-finding-${f.status}`} data-element={f.element}>
          <p class="pg-reason-head">
            <span class={`pg-sev pg-status-${f.status}`}>{STATUS_TEXT[f.status]}</span>{' '}
            <strong>{optInElementLabel(f.element)}</strong>
          </p>
          <p>{f.message}</p>
          {f.span === undefined || f.span.text.trim() === '' ? null : <p class="pg-muted">Found: “<mark>{f.span.text}</mark>”</p>}
          {f.fix === undefined ? null : <p class="pg-fix"><span class="pg-fix-label">Fix:</span> {f.fix}</p>}
        </li>
      ))}
    </ul>
  );
}
