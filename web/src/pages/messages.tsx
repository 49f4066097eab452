import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiGet } from '../api.js';
import { enc, formatTime } from '../shell-format.js';
import { navigate, useLocation } from '../router.js';

const STATUSES = ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'blocked', 'canceled', 'unknown'] as const;
const PAGE_SIZE = 25;

interface Reason { code: string; severity: 'block' | 'defer' | 'warn' | 'info'; message: string; fix?: string }
interface Message {
  id: string;
  to: string;
  from: string | null;
  body: string;
  purpose: string;
  status: string;
  verdict: 'allow' | 'defer' | 'block';
  reasons: Reason[];
  sendAt?: string;
  segments: { encoding: string; count: number };
  errorCode?: string | null;
  createdAt?: string;
}
interface MessageEvent { status: string; at: string; reason?: string | null; detail?: Record<string, unknown> | null }
interface MessageList { messages: Message[]; nextCursor?: string }

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The log: filter by status and recipient, newest first, "Load more" follows the cursor. */
export function MessagesPage(props: { id: string | undefined }) {
  const location = useLocation();
  const status = location.query.get('status') ?? '';
  const to = location.query.get('to') ?? '';
  const [draftStatus, setDraftStatus] = useState(status);
  const [draftTo, setDraftTo] = useState(to);
  const [messages, setMessages] = useState<Message[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  const load = async (after: string | undefined) => {
    const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (status !== '') q.set('status', status);
    if (to !== '') q.set('to', to);
    if (after !== undefined) q.set('cursor', after);
    setLoading(true);
    setError(null);
    try {
      const page = await apiGet<MessageList>(`/v1/messages?${q.toString()}`);
      setMessages((prev) => (after === undefined ? page.messages : [...prev, ...page.messages]));
      setCursor(page.nextCursor);
    } catch (e) {
      setError({ message: errorText(e), ...(e instanceof ApiError && e.field !== undefined ? { field: e.field } : {}) });
      if (after === undefined) setMessages([]);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setDraftStatus(status);
    setDraftTo(to);
    void load(undefined);
  }, [status, to]);

  const search = (event: Event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    if (draftStatus !== '') q.set('status', draftStatus);
    if (draftTo.trim() !== '') q.set('to', draftTo.trim());
    const qs = q.toString();
    navigate(`/messages${qs === '' ? '' : `?${qs}`}`);
  };

  return (
    <section aria-labelledby="messages-title">
      <h1 id="messages-title">Messages</h1>
      <form class="filters" role="search" onSubmit={search}>
        <div class="field">
          <label for="f-status">Status</label>
          <select id="f-status" value={draftStatus} onChange={(e) => { setDraftStatus(e.currentTarget.value); }}>
            <option value="">Any status</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-to">Recipient</label>
          <input id="f-to" type="tel" inputMode="tel" autocomplete="off" placeholder="+12125550123" value={draftTo}
            aria-invalid={error?.field === 'to' ? 'true' : undefined}
            onInput={(e) => { setDraftTo(e.currentTarget.value); }} />
        </div>
        <button type="submit">Search</button>
      </form>
      {error === null ? null : <p class="error" role="alert">{error.message}</p>}
      {props.id === undefined ? null : <MessageDetail id={props.id} />}
      <div class="table-wrap">
        <table class="data">
          <caption class="visually-hidden">Messages, newest first</caption>
          <thead>
            <tr><th scope="col">Created</th><th scope="col">To</th><th scope="col">Status</th><th scope="col">Decision</th><th scope="col">Segments</th><th scope="col">Text</th></tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} class={m.id === props.id ? 'selected' : undefined}>
                <td><a href={`/messages/${enc(m.id)}${location.query.toString() === '' ? '' : `?${location.query.toString()}`}`}>{formatTime(m.createdAt)}</a></td>
                <td class="nowrap">{m.to}</td>
                <td><span class={`badge status-${m.status}`}>{m.status}</span></td>
                <td><span class={`badge verdict-${m.verdict}`}>{m.verdict}</span>{m.reasons.length === 0 ? null : <span class="muted"> {m.reasons.map((r) => r.code).join(', ')}</span>}</td>
                <td class="num">{m.segments.count}</td>
                <td class="body-cell">{m.body}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && messages.length === 0 && error === null ? <p class="empty">No messages match.</p> : null}
      <p class="pager">
        {loading ? <span role="status">Loading…</span> : cursor === undefined ? null
          : <button type="button" class="secondary" onClick={() => void load(cursor)}>Load more</button>}
      </p>
    </section>
  );
}

/** One message: its text, the decision's reasons with their fixes, and its status timeline. */
function MessageDetail(props: { id: string }) {
  const [message, setMessage] = useState<(Message & { events: MessageEvent[] }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setMessage(null);
    setError(null);
    apiGet<Message & { events: MessageEvent[] }>(`/v1/messages/${enc(props.id)}`)
      .then(setMessage)
      .catch((e: unknown) => { setError(e instanceof ApiError && e.status === 404 ? `No message ${props.id} in this account.` : errorText(e)); });
  }, [props.id]);

  if (error !== null) return <p class="error" role="alert">{error}</p>;
  if (message === null) return <p role="status">Loading message…</p>;
  return (
    <article class="card detail" aria-labelledby="message-title">
      <h2 id="message-title">Message <code>{message.id}</code></h2>
      <dl class="facts">
        <dt>To</dt><dd>{message.to}</dd>
        <dt>From</dt><dd>{message.from ?? '—'}</dd>
        <dt>Purpose</dt><dd>{message.purpose}</dd>
        <dt>Status</dt><dd><span class={`badge status-${message.status}`}>{message.status}</span>{message.errorCode === null || message.errorCode === undefined ? null : ` (error ${message.errorCode})`}</dd>
        <dt>Decision</dt><dd><span class={`badge verdict-${message.verdict}`}>{message.verdict}</span>{message.sendAt === undefined ? null : ` · send at ${formatTime(message.sendAt)}`}</dd>
        <dt>Segments</dt><dd>{message.segments.count} ({message.segments.encoding})</dd>
      </dl>
      <blockquote class="sms">{message.body}</blockquote>
      <h3>Why</h3>
      {message.reasons.length === 0 ? <p>No rule objected: every check passed.</p> : (
        <ul class="reasons">
          {message.reasons.map((r, i) => (
            <li key={`${r.code}-${String(i)}`} class={`reason sev-${r.severity}`}>
              <span class={`badge sev-${r.severity}`}>{r.severity}</span> <code>{r.code}</code>: {r.message}
              {r.fix === undefined ? null : <div class="fix"><strong>Fix:</strong> {r.fix}</div>}
            </li>
          ))}
        </ul>
      )}
      <h3>Status timeline</h3>
      <ol class="timeline">
        {message.events.map((ev, i) => {
          const code = ev.detail?.errorCode;
          return (
            <li key={`${ev.at}-${String(i)}`}>
              <time dateTime={ev.at}>{formatTime(ev.at)}</time> <span class={`badge status-${ev.status}`}>{ev.status}</span>
              {ev.reason === null || ev.reason === undefined ? null : <span> {ev.reason}</span>}
              {typeof code === 'string' ? <span> (error {code})</span> : null}
            </li>
          );
        })}
      </ol>
    </article>
  );
}
