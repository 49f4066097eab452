import type { FetchResult, FindSentRequest, FindSentResult, OwnsNumberResult, SendRequest, SendResult, SmsProvider, WebhookInput } from '../provider.js';
import { headerValue, verifyTwilioSignature } from './twilio-signature.js';
import { mapTwilioStatus } from './twilio-status.js';
import { parseTwilioInboundParams, parseTwilioStatusParams } from './twilio-webhook.js';

/** Twilio's REST API origin (Messages resource, API version 2010-04-01). */
export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** Options of the Twilio adapter. `fetch` is injected (tests, proxies); nothing is read from the environment. */
export interface TwilioProviderOptions {
  accountSid: string;
  authToken: string;
  /** Defaults to https://api.twilio.com; point it at a local server in tests. */
  baseUrl?: string;
  fetch: typeof fetch;
  /** Used only to turn an HTTP-date Retry-After into a delay. */
  clock?: { now(): Date };
}

/** Twilio's REST error body: `{ code, message, more_info, status }`. */
interface TwilioErrorBody {
  code?: unknown;
  message?: unknown;
}

/**
 * Parses a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds,
 * or undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP-date always has a weekday/month name; this keeps `-5` or `1.5` (read as years) out.
  const at = /[A-Za-z]/.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Error codes (Node `net`/`dns`, undici) raised before any byte of the request was written: the
 * connection was never established, so Twilio cannot have the message. Anything else (a reset, a
 * socket closed mid-exchange, a timeout or abort) may come after Twilio read the request.
 */
const NOT_WRITTEN_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 4; cur = cur.cause, depth++) {
    const code = (cur as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if (cur instanceof AggregateError && cur.errors.length > 0) {
      // happy-eyeballs: every address failed; not written only if every attempt failed before connecting
      const codes = cur.errors.map(errorCode);
      if (codes.every((c) => c !== undefined && NOT_WRITTEN_CODES.has(c))) return codes[0];
      return undefined;
    }
  }
  return undefined;
}

/** A fetch that threw: `transient` only when the request certainly never left (connect/DNS failure), else `ambiguous`. */
export function classifySendError(e: unknown): SendResult {
  const code = errorCode(e);
  const message = `Twilio request failed: ${describeError(e)}`;
  if (code !== undefined && NOT_WRITTEN_CODES.has(code)) return { kind: 'transient', message };
  return { kind: 'ambiguous', message };
}

/** Twilio dates are RFC 2822 (`Thu, 24 Aug 2023 05:01:45 +0000`). */
function parseTwilioDate(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** Allowed skew between our clock and Twilio's when matching `date_created` against `sentAfter`. */
export const FIND_SENT_SKEW_MS = 5 * 60_000;

/** Pages of the list call read before giving up (transient): 1000 messages a page. */
const FIND_SENT_MAX_PAGES = 5;

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return `${e.name}: ${e.message}${cause}`;
  }
  return String(e);
}

/** A found message, with Twilio's error code when it has one (a number, or a non-empty string). */
function withErrorCode<T extends object>(found: T, code: unknown): T & { errorCode?: string } {
  return typeof code === 'number' || (typeof code === 'string' && code !== '') ? { ...found, errorCode: String(code) } : found;
}

/**
 * The Twilio adapter: Messages create/fetch over Twilio's REST API (form-encoded, HTTP Basic with the
 * Account SID and Auth Token) and Twilio's webhook formats, signed with X-Twilio-Signature.
 * https://www.twilio.com/docs/messaging/api/message-resource
 */
export function createTwilioProvider(options: TwilioProviderOptions): SmsProvider {
  const { accountSid, authToken, fetch: doFetch } = options;
  const base = (options.baseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, '');
  const clock = options.clock ?? { now: () => new Date() };
  const messagesUrl = `${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages`;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`, 'utf8').toString('base64')}`;

  async function send(req: SendRequest, signal: AbortSignal): Promise<SendResult> {
    const form = new URLSearchParams({ To: req.to, From: req.from, Body: req.body });
    if (req.statusCallback !== undefined) form.set('StatusCallback', req.statusCallback);
    let res: Response;
    try {
      res = await doFetch(`${messagesUrl}.json`, {
        method: 'POST',
        headers: {
          Authorization: authorization,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: form.toString(),
        signal,
      });
    } catch (e) {
      // A connect/DNS failure never reached Twilio (transient); a timeout, abort or reset may have (ambiguous).
      return classifySendError(e);
    }
    const body = await readJson(res);
    if (res.status >= 200 && res.status < 300) {
      if (isRecord(body) && typeof body.sid === 'string' && body.sid !== '') {
        return { kind: 'accepted', providerMessageId: body.sid };
      }
      // Twilio said yes but we cannot read the sid: it probably created the message.
      return { kind: 'ambiguous', message: `Twilio answered ${res.status} without a message sid` };
    }
    if (res.status === 502 || res.status === 504) {
      // A gateway between us and Twilio's API gave up on (or lost) the upstream after forwarding the request.
      return { kind: 'ambiguous', message: `Twilio answered HTTP ${res.status}${errorSuffix(body)}` };
    }
    if (res.status === 429 || res.status >= 500 || res.status < 400) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), clock.now());
      const message = `Twilio answered HTTP ${res.status}${errorSuffix(body)}`;
      return retryAfterMs === undefined ? { kind: 'transient', message } : { kind: 'transient', message, retryAfterMs };
    }
    const err: TwilioErrorBody = isRecord(body) ? body : {};
    const code = typeof err.code === 'number' || typeof err.code === 'string' ? String(err.code) : `HTTP_${res.status}`;
    const message = typeof err.message === 'string' ? err.message : `Twilio answered HTTP ${res.status}`;
    return { kind: 'rejected', code, message };
  }

  /** One authenticated GET of Twilio's REST API: its answer, or a transient failure (network). */
  async function getJson(url: string, signal: AbortSignal): Promise<{ kind: 'answer'; status: number; body: unknown } | { kind: 'transient'; message: string }> {
    let res: Response;
    try {
      res = await doFetch(url, { method: 'GET', headers: { Authorization: authorization, Accept: 'application/json' }, signal });
    } catch (e) {
      return { kind: 'transient', message: `Twilio request failed: ${describeError(e)}` };
    }
    return { kind: 'answer', status: res.status, body: await readJson(res) };
  }

  async function fetchStatus(providerMessageId: string, signal: AbortSignal): Promise<FetchResult> {
    const answer = await getJson(`${messagesUrl}/${encodeURIComponent(providerMessageId)}.json`, signal);
    if (answer.kind === 'transient') return answer;
    const { status: httpStatus, body } = answer;
    if (httpStatus === 404) return { kind: 'not_found' };
    if (httpStatus !== 200 || !isRecord(body)) {
      return { kind: 'transient', message: `Twilio answered HTTP ${httpStatus}${errorSuffix(body)}` };
    }
    const raw = typeof body.status === 'string' ? body.status : '';
    const status = mapTwilioStatus(raw);
    if (status === null) return { kind: 'transient', message: `Twilio message ${providerMessageId} has status "${raw}"` };
    return withErrorCode({ kind: 'found', status }, body.error_code);
  }

  /**
   * Looks for a message we may have created without learning its sid: GET Messages.json filtered by
   * `To`, `From` and `DateSent>=` (the UTC day before `sentAfter`, for skew), newest first, matched on
   * the exact body and `date_created` no earlier than `sentAfter` minus FIND_SENT_SKEW_MS, skipping the
   * sids in `excludeProviderMessageIds` (recorded on identical texts); the oldest match wins. https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources
   */
  async function findSent(req: FindSentRequest, signal: AbortSignal): Promise<FindSentResult> {
    const day = new Date(req.sentAfter.getTime() - 86_400_000).toISOString().slice(0, 10);
    const query = new URLSearchParams({ To: req.to, From: req.from, 'DateSent>': day, PageSize: '1000' });
    // Twilio's `DateSent>=YYYY-MM-DD` is the key `DateSent>` (sent as `DateSent%3E`, as Twilio's own clients do).
    let url: string | null = `${messagesUrl}.json?${query.toString()}`;
    const notBefore = req.sentAfter.getTime() - FIND_SENT_SKEW_MS;
    const exclude = new Set(req.excludeProviderMessageIds ?? []);
    let best: { sid: string; created: number; status: string; errorCode: unknown } | undefined;
    for (let page = 0; url !== null; page++) {
      if (page >= FIND_SENT_MAX_PAGES) return { kind: 'transient', message: `more than ${FIND_SENT_MAX_PAGES} pages of messages to ${req.to}` };
      const answer = await getJson(url, signal);
      if (answer.kind === 'transient') return answer;
      const { body } = answer;
      if (answer.status !== 200 || !isRecord(body) || !Array.isArray(body.messages)) {
        return { kind: 'transient', message: `Twilio answered HTTP ${answer.status}${errorSuffix(body)}` };
      }
      for (const m of body.messages as unknown[]) {
        if (!isRecord(m) || typeof m.sid !== 'string' || m.body !== req.body || m.to !== req.to || m.from !== req.from) continue;
        if (exclude.has(m.sid)) continue;
        if (typeof m.direction === 'string' && !m.direction.startsWith('outbound')) continue;
        const created = parseTwilioDate(m.date_created);
        if (created === undefined || created < notBefore) continue;
        if (best === undefined || created < best.created) {
          best = { sid: m.sid, created, status: typeof m.status === 'string' ? m.status : '', errorCode: m.error_code };
        }
      }
      const next = body.next_page_uri;
      url = typeof next === 'string' && next !== '' ? `${base}${next}` : null;
    }
    if (best === undefined) return { kind: 'not_found' };
    const status = mapTwilioStatus(best.status);
    if (status === null) return { kind: 'transient', message: `Twilio message ${best.sid} has status "${best.status}"` };
    return withErrorCode({ kind: 'found', status, providerMessageId: best.sid }, best.errorCode);
  }

  /**
   * Whether `phone` is one of this Twilio account's incoming numbers: GET IncomingPhoneNumbers.json
   * filtered by PhoneNumber (exact E.164 match).
   * https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource#read-multiple-incomingphonenumber-resources
   */
  async function ownsNumber(phone: string, signal: AbortSignal): Promise<OwnsNumberResult> {
    const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/IncomingPhoneNumbers.json?${new URLSearchParams({ PhoneNumber: phone }).toString()}`;
    const answer = await getJson(url, signal);
    if (answer.kind === 'transient') return answer;
    const { body } = answer;
    if (answer.status !== 200 || !isRecord(body) || !Array.isArray(body.incoming_phone_numbers)) {
      return { kind: 'transient', message: `Twilio answered HTTP ${answer.status}${errorSuffix(body)}` };
    }
    const owned = (body.incoming_phone_numbers as unknown[]).some((n) => isRecord(n) && n.phone_number === phone);
    return owned ? { kind: 'owned' } : { kind: 'not_owned' };
  }

  return {
    name: 'twilio',
    maxConcurrentSends: TWILIO_MAX_CONCURRENT_SENDS,
    send,
    fetchStatus,
    findSent,
    ownsNumber,
    parseStatus: (webhook: WebhookInput) => parseTwilioStatusParams(webhook.params, webhook.url),
    parseInbound: (webhook: WebhookInput) => parseTwilioInboundParams(webhook.params),
    verifySignature: (webhook: WebhookInput) =>
      verifyTwilioSignature(authToken, headerValue(webhook.headers, 'x-twilio-signature'), webhook.url, webhook.params),
  };
}

/**
 * Sends one worker keeps in flight to Twilio. Twilio limits each account's concurrent REST requests
 * (error 20429, https://www.twilio.com/docs/api/errors/20429) without publishing the number: 20 is
 * our own setting, not a Twilio figure (unverified); a 429 is retried with backoff either way.
 */
const TWILIO_MAX_CONCURRENT_SENDS = 20;

function errorSuffix(body: unknown): string {
  if (!isRecord(body)) return '';
  const code = typeof body.code === 'number' || typeof body.code === 'string' ? ` code ${String(body.code)}` : '';
  const msg = typeof body.message === 'string' ? `: ${body.message}` : '';
  return code + msg;
}
