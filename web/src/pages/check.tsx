/**
 * Check a text: type a message, a recipient and a purpose; the decision (POST /v1/evaluate) follows
 * as you type, built from the account (brand), the recipient's contact record and the sender number,
 * with the assumptions listed. With no recipient yet, the text is checked on its own (POST /v1/lint:
 * content, sender identification, opt-out, segments) and the recipient's checks are named as not
 * done. "Send" really sends it (POST /v1/messages) and shows the answer.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, apiGet, apiSend } from '../api.js';
import { buildCheckRequest, looksLikePhone } from '../check-request.js';
import { PURPOSES, type Account, type Contact, type Decision, type LintAnswer, type Purpose, type Reason, type SenderNumber, type SentMessage } from '../dashboard-types.js';
import { formatInstant } from '../figures.js';
import { RECIPIENT_CHECKS, textBlocks } from '../text-checks.js';
import { ErrorNotice, ReasonList, Section, VerdictBadge } from './parts.js';
import { toApiError, useApiGet } from './use-api.js';
import './pages.css';

const DEBOUNCE_MS = 350;

type FieldName = 'body' | 'to' | 'purpose' | 'from' | 'form';

/** Which input an API error's `field` (`message.to`, `body`, `to` …) belongs to. */
export function checkFieldOf(field: string | undefined): FieldName {
  if (field === undefined) return 'form';
  const last = field.split('.').pop() ?? '';
  if (last === 'body') return 'body';
  if (last === 'to' || field === 'phone') return 'to';
  if (last === 'purpose') return 'purpose';
  if (last === 'from') return 'from';
  return 'form';
}

/** A decision for a recipient (POST /v1/evaluate), or the checks of the text alone (POST /v1/lint). */
type Checked = (
  | { kind: 'decision'; decision: Decision }
  | { kind: 'text'; lint: LintAnswer }
) & {
  assumptions: string[];
  /** The body that was checked (the answer may be for an older keystroke). */
  body: string;
};

/** What a check with no recipient assumed, in words. */
function textAssumptions(account: Account | null): string[] {
  const brand = account?.brandName.trim() ?? '';
  return [
    brand === ''
      ? 'Checked as the first text to a recipient, against the account\'s brand name: the text must name the sender and say how to opt out.'
      : `Checked as the first text to a recipient: the text must name "${brand}" and say how to opt out.`,
    `No recipient: ${RECIPIENT_CHECKS} are not checked.`,
  ];
}

/** The check-a-text page. */
export function CheckPage() {
  const [body, setBody] = useState('');
  const [to, setTo] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('marketing');
  const [from, setFrom] = useState('');
  const [autofix, setAutofix] = useState(true);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [checking, setChecking] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [sendState, setSendState] = useState<{ kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; message: SentMessage } | { kind: 'failed'; error: ApiError }>({ kind: 'idle' });

  const account = useApiGet<Account>('/v1/account');
  const numbers = useApiGet<{ numbers: SenderNumber[] }>('/v1/numbers');
  const contacts = useRef(new Map<string, Contact | null>());
  const ticket = useRef(0);

  const numberList = numbers.data?.numbers ?? [];
  const hasBody = body.trim() !== '';
  const hasRecipient = looksLikePhone(to);
  const ready = hasBody && hasRecipient;

  useEffect(() => {
    const mine = ++ticket.current;
    if (!hasBody) { setChecking(false); setChecked(null); return undefined; }
    setChecking(true);
    const timer = setTimeout(() => {
      void (async () => {
        try {
          if (!hasRecipient) {
            const lint = await apiSend<LintAnswer>('POST', '/v1/lint', { body, purpose, firstMessage: true, autofix });
            if (mine !== ticket.current) return;
            setChecked({ kind: 'text', lint, assumptions: textAssumptions(account.data), body });
            setFieldErrors({});
            return;
          }
          const phone = to.trim();
          let contact = contacts.current.get(phone);
          if (contact === undefined) {
            contact = await loadContact(phone);
            contacts.current.set(phone, contact);
          }
          const sender = numberList.find((n) => n.phone === from) ?? null;
          const { request, assumptions } = buildCheckRequest({
            now: new Date(), body, to: phone, purpose, autofix, account: account.data, contact, sender, numbers: numberList,
          });
          const decision = await apiSend<Decision>('POST', '/v1/evaluate', request);
          if (mine !== ticket.current) return;
          setChecked({ kind: 'decision', decision, assumptions, body });
          setFieldErrors({});
        } catch (e: unknown) {
          if (mine !== ticket.current) return;
          const err = toApiError(e);
          setFieldErrors({ [checkFieldOf(err.field)]: err.message });
          setChecked(null);
        } finally {
          if (mine === ticket.current) setChecking(false);
        }
      })();
    }, DEBOUNCE_MS);
    return () => { clearTimeout(timer); };
  }, [body, to, purpose, from, autofix, account.data, numbers.data, hasBody, hasRecipient]);

  const send = async () => {
    setSendState({ kind: 'sending' });
    const payload: Record<string, unknown> = { to: to.trim(), body, purpose, autofix };
    if (from !== '') payload.from = from;
    try {
      const message = await apiSend<SentMessage>('POST', '/v1/messages', payload);
      setSendState({ kind: 'sent', message });
    } catch (e: unknown) {
      const err = toApiError(e);
      setSendState({ kind: 'failed', error: err });
      if (err.field !== undefined) setFieldErrors((prev) => ({ ...prev, [checkFieldOf(err.field)]: err.message }));
    }
  };

  const liveSummary = !hasBody
    ? 'Type a message to check it; add a recipient phone number for the full decision.'
    : checking ? 'Checking…'
      : checked === null ? '' : summaryOf(checked);

  return (
    <div class="pg-page" data-testid="check-page">
      <div class="pg-page-head">
        <h1>Check a text</h1>
        <p class="pg-muted">The decision updates as you type. Nothing is sent until you press Send.</p>
      </div>
      <ErrorNotice error={account.error} what="the account" />
      <div class="pg-check-grid">
        <form class="pg-form" aria-label="Text to check" onSubmit={(e) => { e.preventDefault(); }} noValidate>
          <Field id="check-body" label="Message" error={fieldErrors.body} hint={`${body.length} characters`}>
            {(a11y) => (
              <textarea {...a11y} rows={6} value={body} onInput={(e) => { setBody(e.currentTarget.value); setSendState({ kind: 'idle' }); }} placeholder="Hi {first_name}, your showing at 12 Oak St is confirmed for 3pm…" />
            )}
          </Field>
          <Field id="check-to" label="Recipient phone" error={fieldErrors.to} hint="E.164, e.g. +12125550123">
            {(a11y) => <input {...a11y} type="tel" autoComplete="off" value={to} onInput={(e) => { setTo(e.currentTarget.value); setSendState({ kind: 'idle' }); }} />}
          </Field>
          <Field id="check-purpose" label="Purpose" error={fieldErrors.purpose} hint="Mixed content counts as marketing">
            {(a11y) => (
              <select {...a11y} value={purpose} onChange={(e) => { setPurpose(e.currentTarget.value as Purpose); }}>
                {PURPOSES.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            )}
          </Field>
          <Field id="check-from" label="Sender number" error={fieldErrors.from}>
            {(a11y) => (
              <select {...a11y} value={from} onChange={(e) => { setFrom(e.currentTarget.value); }}>
                <option value="">Let Clearsend pick</option>
                {numberList.map((n) => <option key={n.phone} value={n.phone}>{n.phone}{n.registered ? '' : ' (not registered)'}</option>)}
              </select>
            )}
          </Field>
          <label class="pg-check">
            <input type="checkbox" checked={autofix} onChange={(e) => { setAutofix(e.currentTarget.checked); }} />
            <span>Apply safe fixes (add opt-out language, replace characters that force UCS-2)</span>
          </label>
          {fieldErrors.form === undefined ? null : <p class="pg-field-error" role="alert">{fieldErrors.form}</p>}
          <div class="pg-actions">
            <button type="button" onClick={() => { void send(); }} disabled={!ready || sendState.kind === 'sending'} data-testid="send-button">
              {sendState.kind === 'sending' ? 'Sending…' : 'Send'}
            </button>
          </div>
          <SendResult state={sendState} />
        </form>

        <Section id="decision" title="Decision">
          <p class="pg-live" aria-live="polite" data-testid="decision-summary">{liveSummary}</p>
          {checked === null ? null : <DecisionView checked={checked} typed={body} onUse={(text) => { setBody(text); }} />}
        </Section>
      </div>
    </div>
  );
}

async function loadContact(phone: string): Promise<Contact | null> {
  try {
    return await apiGet<Contact>(`/v1/contacts/${encodeURIComponent(phone)}`);
  } catch (e: unknown) {
    // no record (404), or a number the server cannot parse (400): evaluate will name the problem
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return null;
    throw e;
  }
}

interface FieldA11y { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }

function Field({ id, label, error, hint, children }: { id: string; label: string; error: string | undefined; hint?: string; children: (a11y: FieldA11y) => ComponentChildren }) {
  const described = [hint === undefined ? null : `${id}-hint`, error === undefined ? null : `${id}-error`].filter((x) => x !== null).join(' ');
  const a11y: FieldA11y = { id, 'aria-invalid': error !== undefined };
  if (described !== '') a11y['aria-describedby'] = described;
  return (
    <div class="pg-field">
      <label for={id}>{label}</label>
      {children(a11y)}
      {hint === undefined ? null : <p class="pg-muted pg-hint" id={`${id}-hint`}>{hint}</p>}
      {error === undefined ? null : <p class="pg-field-error" role="alert" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line summary screen readers announce. */
function summaryOf(checked: Checked): string {
  const r = checked.kind === 'decision' ? checked.decision : checked.lint;
  const counts = `${plural(r.reasons.length, 'reason')}, ${plural(r.segments.count, 'segment')} (${r.segments.encoding})`;
  if (checked.kind === 'text') {
    const v = checked.lint.verdict;
    return `The text ${v === 'block' ? 'is blocked' : v === 'warn' ? 'passes with warnings' : 'passes'}: ${counts}. Add a recipient to check ${RECIPIENT_CHECKS}.`;
  }
  const v = checked.decision.verdict;
  return `${v === 'allow' ? 'Allowed' : v === 'defer' ? 'Deferred' : 'Blocked'}: ${counts}.`;
}

const TEXT_VERDICT = {
  block: { icon: '✕', text: 'The text is blocked', css: 'block' },
  warn: { icon: '✓', text: 'The text passes, with warnings', css: 'allow' },
  ok: { icon: '✓', text: 'The text passes', css: 'allow' },
} as const;

/** The verdict on the text alone; it says so, since no recipient was checked. */
function TextVerdictBadge({ verdict }: { verdict: LintAnswer['verdict'] }) {
  const v = TEXT_VERDICT[verdict];
  return (
    <span class={`pg-verdict pg-verdict-${v.css}`} data-testid="verdict" data-verdict={verdict}>
      <span aria-hidden="true">{v.icon} </span>{v.text}
    </span>
  );
}

function DecisionView({ checked, typed, onUse }: { checked: Checked; typed: string; onUse: (text: string) => void }) {
  const r = checked.kind === 'decision' ? checked.decision : checked.lint;
  const changed = r.body !== checked.body;
  // A fixed text that still blocks on its own words blocks whoever it goes to: "Use this text" is
  // offered only when it does not (reasons from consent, quiet hours or the number aside).
  const stillBlocks = textBlocks(r.reasons);
  return (
    <div data-testid="decision">
      {checked.kind === 'decision' ? (
        <>
          <p><VerdictBadge verdict={checked.decision.verdict} /></p>
          {checked.decision.sendAt === undefined ? null : <p>Earliest send: <strong>{formatInstant(checked.decision.sendAt)}</strong> (your time)</p>}
        </>
      ) : (
        <>
          <p><TextVerdictBadge verdict={checked.lint.verdict} /></p>
          <p class="pg-muted" data-testid="recipient-pending">Add a recipient to check {RECIPIENT_CHECKS}.</p>
        </>
      )}
      <dl class="pg-facts">
        <div><dt>Segments</dt><dd data-testid="segments">{r.segments.count}</dd></div>
        <div><dt>Encoding</dt><dd data-testid="encoding">{r.segments.encoding}</dd></div>
        <div><dt>{r.segments.encoding === 'GSM-7' ? 'Septets' : 'UTF-16 units'}</dt><dd>{r.segments.units}</dd></div>
      </dl>
      {r.segments.encoding !== 'GSM-7' ? <p class="pg-muted">A character outside the GSM-7 alphabet makes every segment hold 70 characters (67 when split) instead of 160 (153).</p> : null}
      <h3 class="pg-h3">Reasons</h3>
      <ReasonList reasons={r.reasons} />
      {changed ? (
        <>
          <h3 class="pg-h3">With the fixes applied</h3>
          <pre class="pg-body" data-testid="autofixed-body">{r.body}</pre>
          {stillBlocks.length > 0 ? (
            <p class="pg-error" data-testid="fixed-still-blocks">
              The fixed text still blocks ({stillBlocks.map((b) => b.code).join(', ')}): the fixes cannot remove that, so change the text yourself.
            </p>
          ) : typed === checked.body ? <button type="button" class="pg-secondary" onClick={() => { onUse(r.body); }}>Use this text</button> : null}
        </>
      ) : null}
      <details class="pg-assumptions">
        <summary>What this check assumed</summary>
        <ul>{checked.assumptions.map((a) => <li key={a}>{a}</li>)}</ul>
        {checked.kind === 'decision' ? <p class="pg-muted">Rule set {checked.decision.ruleSetVersion}.</p> : null}
      </details>
    </div>
  );
}

/** The reasons a 422 answer of POST /v1/messages carries (the stored decision of the blocked text), if any. */
function blockedReasons(body: unknown): Reason[] {
  if (typeof body !== 'object' || body === null || !('reasons' in body) || !Array.isArray(body.reasons)) return [];
  return (body.reasons as unknown[]).filter((r): r is Reason => typeof r === 'object' && r !== null && 'code' in r && 'message' in r);
}

function SendFailure({ error }: { error: ApiError }) {
  const reasons = error.status === 422 ? blockedReasons(error.body) : [];
  return (
    <div role="alert">
      <p class="pg-error">
        {error.status === 422 ? 'Blocked: the text was not sent. The service decided with everything it knows of the recipient:' : `Not sent: ${error.message}`}
      </p>
      {reasons.length > 0 ? <ReasonList reasons={reasons} /> : null}
    </div>
  );
}

function SendResult({ state }: { state: { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; message: SentMessage } | { kind: 'failed'; error: ApiError } }) {
  return (
    <div class="pg-send-result" aria-live="polite" data-testid="send-result">
      {state.kind === 'sent' ? (
        <div>
          <p>
            <strong>{state.message.status === 'blocked' ? 'Blocked: not sent.' : `Accepted: ${state.message.status}.`}</strong>{' '}
            Message <code data-testid="sent-id">{state.message.id}</code>{state.message.from === null ? '' : ` from ${state.message.from}`}
            {state.message.sendAt === undefined ? '' : `, goes at ${formatInstant(state.message.sendAt)}`}.
          </p>
          <p><a href={`/messages/${encodeURIComponent(state.message.id)}`}>See it in the messages log</a></p>
        </div>
      ) : null}
      {state.kind === 'failed' ? <SendFailure error={state.error} /> : null}
    </div>
  );
}
