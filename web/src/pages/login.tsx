import { useState } from 'preact/hooks';
import { ApiError, apiGet, apiSend } from '../api.js';
import type { Account } from '../app.js';

/** Log in with an API key: the server answers with an httpOnly session cookie, never shown to script. */
export function LoginPage(props: { notice?: string; onLogin: (account: Account) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiSend<undefined>('POST', '/v1/session', { key: key.trim() });
      const account = await apiGet<Account>('/v1/session');
      setKey('');
      props.onLogin(account);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'That key is not a live API key. Check it, or create one with: clearsend keys create --account NAME'
        : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <h1>Clearsend</h1>
      <p class="lede">Log in with one of your account's API keys. The key is traded for a session that ends after 12 hours without use.</p>
      {props.notice === undefined ? null : <p class="notice" role="status">{props.notice}</p>}
      <form onSubmit={(e) => void submit(e)} class="stack">
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="key"
          type="password"
          autocomplete="current-password"
          spellcheck={false}
          required
          placeholder="cs_…"
          value={key}
          aria-invalid={error === null ? undefined : 'true'}
          aria-describedby={error === null ? 'api-key-help' : 'api-key-help api-key-error'}
          onInput={(e) => {
            setKey(e.currentTarget.value);
          }}
        />
        <p id="api-key-help" class="help">The key printed by <code>clearsend serve</code> on first start, or by <code>clearsend keys create</code>.</p>
        {error === null ? null : <p id="api-key-error" class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy || key.trim() === ''}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </main>
  );
}
