import type { FetchResult, SendRequest, SendResult, SmsProvider, WebhookInput } from '../provider.js';
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

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return `${e.name}: ${e.message}${cause}`;
  }
  return String(e);
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
      // Network failure, timeout or abort: Twilio may or may not have created the message.
      return { kind: 'transient', message: `Twilio request failed: ${describeError(e)}` };
    }
    const body = await readJson(res);
    if (res.status >= 200 && res.status < 300) {
      if (isRecord(body) && typeof body.sid === 'string' && body.sid !== '') {
        return { kind: 'accepted', providerMessageId: body.sid };
      }
      return { kind: 'transient', message: `Twilio answered ${res.status} without a message sid` };
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

  async function fetchStatus(providerMessageId: string, signal: AbortSignal): Promise<FetchResult> {
    let res: Response;
    try {
      res = await doFetch(`${messagesUrl}/${encodeURIComponent(providerMessageId)}.json`, {
        method: 'GET',
        headers: { Authorization: authorization, Accept: 'application/json' },
        signal,
      });
    } catch (e) {
      return { kind: 'transient', message: `Twilio request failed: ${describeError(e)}` };
    }
    const body = await readJson(res);
    if (res.status === 404) return { kind: 'not_found' };
    if (res.status !== 200 || !isRecord(body)) {
      return { kind: 'transient', message: `Twilio answered HTTP ${res.status}${errorSuffix(body)}` };
    }
    const raw = typeof body.status === 'string' ? body.status : '';
    const status = mapTwilioStatus(raw);
    if (status === null) return { kind: 'transient', message: `Twilio message ${providerMessageId} has status "${raw}"` };
    const code = body.error_code;
    return typeof code === 'number' || (typeof code === 'string' && code !== '')
      ? { kind: 'found', status, errorCode: String(code) }
      : { kind: 'found', status };
  }

  return {
    name: 'twilio',
    send,
    fetchStatus,
    parseStatus: (webhook: WebhookInput) => parseTwilioStatusParams(webhook.params, webhook.url),
    parseInbound: (webhook: WebhookInput) => parseTwilioInboundParams(webhook.params),
    verifySignature: (webhook: WebhookInput) =>
      verifyTwilioSignature(authToken, headerValue(webhook.headers, 'x-twilio-signature'), webhook.url, webhook.params),
  };
}

function errorSuffix(body: unknown): string {
  if (!isRecord(body)) return '';
  const code = typeof body.code === 'number' || typeof body.code === 'string' ? ` code ${String(body.code)}` : '';
  const msg = typeof body.message === 'string' ? `: ${body.message}` : '';
  return code + msg;
}
