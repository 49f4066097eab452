import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiGet } from '../api.js';
import { enc, formatTime } from '../shell-format.js';
import type { ContactDetail } from '../dashboard-types.js';
import { navigate } from '../router.js';

type Contact = ContactDetail;

function evidenceText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Look a number up: its consent evidence, opt-out history, do-not-disturb and time zone. */
export function ContactsPage(props: { phone: string | undefined }) {
  const [draft, setDraft] = useState(props.phone ?? '');
  const [contact, setContact] = useState<Contact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setDraft(props.phone ?? '');
    setContact(null);
    setError(null);
    if (props.phone === undefined) return;
    setLoading(true);
    apiGet<Contact>(`/v1/contacts/${enc(props.phone)}`)
      .then(setContact)
      .catch((e: unknown) => {
        setError(e instanceof ApiError && e.status === 404 ? `No contact ${props.phone ?? ''} in this account: nothing was recorded for this number.` : e instanceof Error ? e.message : String(e));
      })
      .finally(() => { setLoading(false); });
  }, [props.phone]);

  const lookUp = (event: Event) => {
    event.preventDefault();
    if (draft.trim() !== '') navigate(`/contacts/${enc(draft.trim())}`);
  };

  const optOuts = contact?.consentEvents.filter((e) => e.kind === 'revoked') ?? [];
  return (
    <section aria-labelledby="contacts-title">
      <h1 id="contacts-title">Contacts</h1>
      <form class="filters" role="search" onSubmit={lookUp}>
        <div class="field">
          <label for="c-phone">Phone number</label>
          <input id="c-phone" type="tel" inputMode="tel" autocomplete="off" placeholder="+12125550123" required value={draft}
            onInput={(e) => { setDraft(e.currentTarget.value); }} />
        </div>
        <button type="submit">Look up</button>
      </form>
      {loading ? <p role="status">Loading…</p> : null}
      {error === null ? null : <p class="error" role="alert">{error}</p>}
      {contact === null ? null : (
        <>
          <article class="card" aria-labelledby="contact-title">
            <h2 id="contact-title">{contact.phone}</h2>
            <dl class="facts">
              <dt>Time zone</dt><dd>{contact.timezone ?? 'unknown (from the area code)'}</dd>
              <dt>State</dt><dd>{contact.state ?? '—'}</dd>
              <dt>Line type</dt><dd>{contact.lineType ?? '—'}</dd>
              <dt>Do not disturb</dt>
              <dd>{contact.dnd ? <><span class="badge sev-block">DND</span> {contact.dndCause ?? ''} since {formatTime(contact.dndAt)}</> : 'no'}</dd>
              <dt>Current consent</dt>
              <dd>
                {contact.consent.length === 0 ? <span class="badge sev-block">none</span> : (
                  <ul class="plain">
                    {contact.consent.map((c, i) => (
                      <li key={c.id ?? String(i)}>
                        {c.purposes.join(', ')} by {c.channel} ({c.method}{c.written ? ', written' : ''}) since {formatTime(c.grantedAt)}
                        {c.revokedAt === undefined ? null : <> · revoked {formatTime(c.revokedAt)}</>}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          </article>

          <h2>Opt-out history</h2>
          {optOuts.length === 0 ? <p>No opt-out recorded for this number.</p> : (
            <ul class="plain">
              {optOuts.map((e) => (
                <li key={e.id}><time dateTime={e.occurredAt}>{formatTime(e.occurredAt)}</time>: {e.method} by {e.channel}{e.purposes.length === 0 ? '' : ` (${e.purposes.join(', ')})`}</li>
              ))}
            </ul>
          )}

          <h2>Consent evidence</h2>
          {contact.consentEvents.length === 0 ? <p>The consent ledger has no event for this number.</p> : (
            <div class="table-wrap">
              <table class="data">
                <caption class="visually-hidden">Consent ledger, newest first</caption>
                <thead>
                  <tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Purposes</th><th scope="col">How</th><th scope="col">Evidence</th></tr>
                </thead>
                <tbody>
                  {contact.consentEvents.map((e) => (
                    <tr key={e.id}>
                      <td class="nowrap"><time dateTime={e.occurredAt}>{formatTime(e.occurredAt)}</time></td>
                      <td><span class={`badge consent-${e.kind}`}>{e.kind}</span></td>
                      <td>{e.purposes.join(', ')}</td>
                      <td>{e.channel}, {e.method}{e.written ? ', written' : ''}</td>
                      <td>
                        {Object.keys(e.evidence).length === 0 ? '—' : (
                          <dl class="evidence">
                            {Object.entries(e.evidence).map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd>{evidenceText(v)}</dd></Fragment>)}
                          </dl>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
