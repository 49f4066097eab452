/**
 * History routing without a library: the path is the page (`/messages/SM…`), links are plain
 * `<a href>`, and a click on a same-origin link to a dashboard page is turned into pushState.
 * The server answers index.html for the same page paths (src/http/routes/dashboard.ts).
 */
import { useEffect, useState } from 'preact/hooks';

/** The pages of the dashboard, as the first path segment. Keep in step with PAGE_PATHS on the server. */
export const PAGES = ['overview', 'messages', 'contacts', 'numbers', 'alerts', 'check', 'optin', 'login'] as const;
export type Page = (typeof PAGES)[number];

/** Where the browser is: the page, the rest of the path (an id or phone) and the query. */
export interface Location {
  page: Page | null;
  rest: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

/** The current location, parsed from window.location. `/` is the overview. */
export function currentLocation(): Location {
  const [first = '', ...rest] = window.location.pathname.split('/').filter(Boolean);
  const page = first === '' ? 'overview' : (PAGES as readonly string[]).includes(first) ? (first as Page) : null;
  return { page, rest: rest.map(decodeURIComponent).join('/'), query: new URLSearchParams(window.location.search) };
}

/** Goes to a dashboard path (with its query) without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

/** Re-renders the caller whenever the location changes (links, back/forward, navigate). */
export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => {
      setLocation(currentLocation());
    };
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** Installs the one click handler that routes same-origin dashboard links client-side. */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (target === null || target.target !== '' || target.hasAttribute('download')) return;
    const url = new URL(target.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    const first = url.pathname.split('/').filter(Boolean)[0] ?? '';
    if (first !== '' && !(PAGES as readonly string[]).includes(first)) return;
    event.preventDefault();
    navigate(`${url.pathname}${url.search}${url.hash}`);
  });
}
