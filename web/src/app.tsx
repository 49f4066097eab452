import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, apiGet, apiSend, onUnauthorized } from './api.js';
import { AlertsPage } from './pages/alerts.js';
import { CheckPage } from './pages/check.js';
import { ContactsPage } from './pages/contacts.js';
import { LoginPage } from './pages/login.js';
import { MessagesPage } from './pages/messages.js';
import { NumbersPage } from './pages/numbers.js';
import { OptinPage } from './pages/optin.js';
import { OverviewPage } from './pages/overview.js';
import { navigate, useLocation, type Page } from './router.js';

/** The logged-in account, as GET /v1/session answers it. */
export interface Account {
  accountId: string;
  sid: string;
  name: string;
  brandName: string;
}

const NAV: readonly { page: Exclude<Page, 'login'>; label: string }[] = [
  { page: 'overview', label: 'Overview' },
  { page: 'messages', label: 'Messages' },
  { page: 'contacts', label: 'Contacts' },
  { page: 'numbers', label: 'Numbers' },
  { page: 'alerts', label: 'Alerts' },
  { page: 'check', label: 'Check a text' },
  { page: 'optin', label: 'Opt-in checker' },
];

const TITLES: Record<Page, string> = {
  overview: 'Overview', messages: 'Messages', contacts: 'Contacts', numbers: 'Numbers', alerts: 'Alerts',
  check: 'Check a text', optin: 'Opt-in checker', login: 'Log in',
};

type Session = { kind: 'loading' } | { kind: 'out'; notice?: string } | { kind: 'in'; account: Account } | { kind: 'error'; message: string };

function PageFor(props: { page: Page; rest: string }): ComponentChildren {
  switch (props.page) {
    case 'overview': return <OverviewPage />;
    case 'messages': return <MessagesPage id={props.rest === '' ? undefined : props.rest} />;
    case 'contacts': return <ContactsPage phone={props.rest === '' ? undefined : props.rest} />;
    case 'numbers': return <NumbersPage />;
    case 'alerts': return <AlertsPage />;
    case 'check': return <CheckPage />;
    case 'optin': return <OptinPage />;
    case 'login': return null;
    default: {
      const _x: never = props.page;
      throw new Error(`unhandled page ${String(_x)}`);
    }
  }
}

/** The dashboard: asks who is logged in, then shows the login form or the header, nav and page. */
export function App() {
  const location = useLocation();
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    apiGet<Account>('/v1/session')
      .then((account) => {
        setSession({ kind: 'in', account });
      })
      .catch((e: unknown) => {
        setSession(e instanceof ApiError && e.status === 401 ? { kind: 'out' } : { kind: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return onUnauthorized(() => {
      setSession({ kind: 'out', notice: 'Your session ended. Log in again to continue.' });
    });
  }, []);

  const page: Page = location.page ?? 'overview';
  useEffect(() => {
    document.title = `${TITLES[page]} · Clearsend`;
    // move focus to the new page's content, so keyboard and screen-reader users start there
    main.current?.focus();
  }, [page, location.rest]);

  if (session.kind === 'loading') return <p class="boot" role="status">Loading…</p>;
  if (session.kind === 'error') {
    return <main class="boot"><h1>Clearsend</h1><p role="alert">The dashboard could not reach the server: {session.message}</p></main>;
  }
  if (session.kind === 'out') {
    return (
      <LoginPage
        {...(session.notice === undefined ? {} : { notice: session.notice })}
        onLogin={(account) => {
          setSession({ kind: 'in', account });
          if (location.page === 'login') navigate('/', { replace: true });
        }}
      />
    );
  }

  const logout = async () => {
    try {
      await apiSend<undefined>('DELETE', '/v1/session');
    } finally {
      setSession({ kind: 'out' });
    }
  };

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <a class="brand" href="/">Clearsend</a>
        <div class="who">
          <span class="account" title={`Account SID ${session.account.sid}`}>
            <span class="visually-hidden">Logged in as </span>{session.account.brandName} <span class="muted">({session.account.name})</span>
          </span>
          <button type="button" class="secondary" onClick={() => void logout()}>Log out</button>
        </div>
      </header>
      <nav class="nav" aria-label="Dashboard">
        <ul>
          {NAV.map((item) => (
            <li key={item.page}>
              <a href={item.page === 'overview' ? '/' : `/${item.page}`} aria-current={item.page === page ? 'page' : undefined}>{item.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {location.page === null ? <NotFound /> : <PageFor page={page} rest={location.rest} />}
      </main>
    </>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no dashboard page at this address. <a href="/">Go to the overview</a>.</p>
    </section>
  );
}
