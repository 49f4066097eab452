/**
 * The dashboard's only way to the API: same-origin fetch with the session cookie, JSON in and out.
 * Every non-2xx answer becomes an ApiError carrying the server's `{ error, message, field? }` body.
 */

/** A non-2xx answer of the API: HTTP status, the machine code (`UNAUTHORIZED`, …) and the field at fault. */
export class ApiError extends Error {
  override name = 'ApiError';
  status: number;
  error: string;
  field?: string;
  /** The whole JSON answer (a 422 from POST /v1/messages carries the blocked message and its reasons). */
  body: unknown;

  constructor(status: number, error: string, message: string, field?: string, body: unknown = null) {
    super(message);
    this.status = status;
    this.error = error;
    if (field !== undefined) this.field = field;
    this.body = body;
  }
}

/** Listeners told when any call answers 401 (the session expired): the app shows the login page. */
const unauthorizedListeners = new Set<() => void>();

/** Calls `listener` whenever an API call answers 401; returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = isRecord(body) && typeof body.error === 'string' ? body.error : `HTTP_${response.status}`;
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : `${response.status} ${response.statusText}`;
  const field = isRecord(body) && typeof body.field === 'string' ? body.field : undefined;
  return new ApiError(response.status, error, message, field, body);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `the server could not be reached (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!response.ok) {
    const err = await toApiError(response);
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    throw err;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}

/** GET a same-origin API path (`/v1/…`) and parse its JSON; throws ApiError on a non-2xx answer. */
export async function apiGet<T>(path: string): Promise<T> {
  return call<T>('GET', path);
}

/** Send a JSON body (or none) with POST/PUT/PATCH/DELETE; resolves to the parsed answer (undefined on 204). */
export async function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return call<T>(method, path, body);
}
