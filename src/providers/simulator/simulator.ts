import { randomHex } from '../../random-hex.js';
import type { FetchResult, FindSentRequest, FindSentResult, ProviderStatus, SendRequest, SendResult, SmsProvider, WebhookInput } from '../provider.js';
import { computeTwilioSignature, headerValue, verifyTwilioSignature } from '../twilio/twilio-signature.js';
import { parseTwilioInboundParams, parseTwilioStatusParams } from '../twilio/twilio-webhook.js';
import type { SimulatorJournal } from './journal.js';
import type { SimulatedOutcome } from './rules.js';
import { simulateSend } from './rules.js';

/** Header carrying the simulator's Twilio-style signature (HMAC-SHA1 keyed with the simulator secret). */
export const SIMULATOR_SIGNATURE_HEADER = 'x-simulator-signature';
/** Base URL put in in-process webhooks (no `webhookBaseUrl`): what `verifySignature` signs against. */
export const SIMULATOR_LOCAL_BASE_URL = 'http://simulator.local';
/** Path of the simulator's status callbacks under the webhook base URL. */
export const SIMULATOR_STATUS_PATH = '/webhooks/simulator/status';
/** Path of the simulator's inbound-message webhooks under the webhook base URL. */
export const SIMULATOR_INBOUND_PATH = '/webhooks/simulator/inbound';

/** Options of the simulated carrier network. */
export interface SimulatorOptions {
  /** Signs every webhook (X-Simulator-Signature); the service verifies with the same secret. */
  secret: string;
  /** The service's own origin, e.g. http://127.0.0.1:3000; unset → webhooks go to `onWebhook` handlers. */
  webhookBaseUrl?: string;
  /** Delay between the `sent` and the final status callback; 0 (default) = next macrotask, no timers. */
  latencyMs?: number;
  fetch?: typeof fetch;
  clock?: { now(): Date };
  /** Source of the random provider ids (default node:crypto); outcomes never depend on it. */
  random?: () => number;
  /** Whether a sender number is registered (10DLC / toll-free); unregistered → failed 30034. Default: all. */
  isRegistered?: (from: string) => boolean | Promise<boolean>;
  /** AccountSid for simulated inbound messages to a number that has not sent anything yet. */
  accountSid?: string;
  /**
   * How many accepted messages it remembers for fetchStatus, findSent and acceptedFor (default
   * 100,000); past that the oldest are forgotten, so a long-running demo server's memory stays bounded.
   */
  remember?: number;
  /**
   * Keeps every accepted message (journal.ts) and, on start, answers fetchStatus and findSent for
   * those a previous process accepted, with the final status their carrier gave them meanwhile.
   */
  journal?: SimulatorJournal;
}

/** A webhook the simulator emits, delivered in-process when no `webhookBaseUrl` is set. */
export interface SimulatorWebhook {
  kind: 'status' | 'inbound';
  input: WebhookInput;
}

/** Receives in-process webhooks; a rejection counts as a failed delivery. */
export type SimulatorWebhookHandler = (event: SimulatorWebhook) => void | Promise<void>;

/** A reply injected as if a recipient had texted it. */
export interface SimulatedInbound {
  from: string;
  to: string;
  body: string;
  accountSid?: string;
}

/** Counters for tests and benchmarks. */
export interface SimulatorStats {
  accepted: number;
  rejected: number;
  transient: number;
  webhooksDelivered: number;
  webhookErrors: number;
}

/** The simulator: an SmsProvider plus hooks for tests, the in-process service and `POST /simulator/inbound`. */
export interface SimulatorProvider extends SmsProvider {
  readonly name: 'simulator';
  /** Subscribes to in-process webhooks (used when `webhookBaseUrl` is unset). Returns an unsubscribe. */
  onWebhook(handler: SimulatorWebhookHandler): () => void;
  /** Posts an inbound-message webhook as the carrier would; resolves once it was delivered (or failed). */
  simulateInbound(msg: SimulatedInbound): Promise<{ providerMessageId: string; delivered: boolean }>;
  /** Resolves when every scheduled status callback and reply has been delivered. */
  idle(): Promise<void>;
  /** Provider ids accepted for one Clearsend message id: more than one means it was sent twice. */
  acceptedFor(messageId: string): readonly string[];
  stats(): SimulatorStats;
}

interface SimulatedMessage {
  status: ProviderStatus;
  errorCode?: string;
}

const TWILIO_API_VERSION = '2010-04-01';

/** Twilio's default opt-out/in/help keywords (exact single-word body, any case), as Advanced Opt-Out tags them. */
function optOutTypeOf(body: string): 'STOP' | 'START' | 'HELP' | undefined {
  const word = body.trim().toUpperCase();
  if (['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'].includes(word)) return 'STOP';
  if (['START', 'YES', 'UNSTOP'].includes(word)) return 'START';
  if (['HELP', 'INFO'].includes(word)) return 'HELP';
  return undefined;
}

/** Twilio's RawDlrDoneDate: the carrier's DLR done date, YYMMDDhhmm in UTC. */
function rawDlrDoneDate(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(now.getUTCFullYear() % 100)}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}`;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => { resolve(); }, { once: true });
  });
}

/**
 * The default provider: a deterministic local carrier network (rules.ts). Accepted messages get
 * Twilio-shaped status callbacks (`sent`, then the final one after `latencyMs`; no callback for the
 * initial `queued`, like Twilio), signed like X-Twilio-Signature with the simulator secret.
 */
export function createSimulatorProvider(options: SimulatorOptions): SimulatorProvider {
  const { secret } = options;
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const doFetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? { now: () => new Date() };
  const isRegistered = options.isRegistered ?? (() => true);
  const webhookBase = options.webhookBaseUrl?.replace(/\/+$/, '');
  const random = options.random;

  const messages = new Map<string, SimulatedMessage>();
  const attempts = new Map<string, number>();
  const accepted = new Map<string, string[]>();
  const accountByNumber = new Map<string, string>();
  const replied = new Set<string>();
  const handlers = new Set<SimulatorWebhookHandler>();
  const pending = new Set<Promise<void>>();
  const counters: SimulatorStats = { accepted: 0, rejected: 0, transient: 0, webhooksDelivered: 0, webhookErrors: 0 };

  const remember = Math.max(1, options.remember ?? 100_000);
  /** Maps iterate in insertion order: the first keys are the oldest. */
  function forgetOldest(): void {
    while (messages.size > remember) messages.delete(messages.keys().next().value as string);
    while (accepted.size > remember) accepted.delete(accepted.keys().next().value as string);
  }

  for (const r of options.journal?.load() ?? []) {
    messages.set(r.sid, r.errorCode === undefined ? { status: r.status } : { status: r.status, errorCode: r.errorCode });
    const ids = accepted.get(r.messageId);
    if (ids === undefined) accepted.set(r.messageId, [r.sid]);
    else ids.push(r.sid);
  }
  forgetOldest();

  function newSid(prefix: string): string {
    if (random === undefined) return prefix + randomHex(16);
    let hex = '';
    for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16);
    return prefix + hex;
  }

  function track(task: () => Promise<void>): void {
    const p = task().catch(() => { counters.webhookErrors++; });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  /** Delivers one signed webhook; resolves true when the receiver answered 2xx (or every handler returned). */
  async function deliver(kind: 'status' | 'inbound', params: Record<string, string>): Promise<boolean> {
    const url = `${webhookBase ?? SIMULATOR_LOCAL_BASE_URL}${kind === 'status' ? SIMULATOR_STATUS_PATH : SIMULATOR_INBOUND_PATH}`;
    const signature = computeTwilioSignature(secret, url, params);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', [SIMULATOR_SIGNATURE_HEADER]: signature };
    try {
      if (webhookBase === undefined) {
        for (const handler of handlers) await handler({ kind, input: { url, headers: { ...headers }, params: { ...params } } });
      } else {
        const res = await doFetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
        await res.arrayBuffer(); // drain so the keep-alive socket is reused
        if (!res.ok) throw new Error(`webhook ${url} answered HTTP ${res.status}`);
      }
      counters.webhooksDelivered++;
      return true;
    } catch {
      counters.webhookErrors++;
      return false;
    }
  }

  function statusParams(req: SendRequest, sid: string, status: ProviderStatus, errorCode?: string): Record<string, string> {
    const params: Record<string, string> = {
      AccountSid: req.accountSid,
      ApiVersion: TWILIO_API_VERSION,
      // Not a Twilio field: lets the service match a callback that outruns its record of the sid.
      ClearsendMessageId: req.messageId,
      From: req.from,
      MessageSid: sid,
      MessageStatus: status,
      SmsSid: sid,
      SmsStatus: status,
      To: req.to,
    };
    if (errorCode !== undefined) params.ErrorCode = errorCode;
    if (status === 'delivered' || status === 'undelivered') params.RawDlrDoneDate = rawDlrDoneDate(clock.now());
    return params;
  }

  async function emit(req: SendRequest, sid: string, status: ProviderStatus, errorCode?: string): Promise<void> {
    const record = messages.get(sid);
    if (record !== undefined) {
      record.status = status;
      if (errorCode !== undefined) record.errorCode = errorCode;
    }
    await deliver('status', statusParams(req, sid, status, errorCode));
  }

  async function simulateInbound(msg: SimulatedInbound): Promise<{ providerMessageId: string; delivered: boolean }> {
    const providerMessageId = newSid('SM');
    const params: Record<string, string> = {
      ApiVersion: TWILIO_API_VERSION,
      Body: msg.body,
      From: msg.from,
      MessageSid: providerMessageId,
      NumMedia: '0',
      NumSegments: '1',
      SmsMessageSid: providerMessageId,
      SmsSid: providerMessageId,
      SmsStatus: 'received',
      To: msg.to,
    };
    const accountSid = msg.accountSid ?? accountByNumber.get(msg.to) ?? options.accountSid;
    if (accountSid !== undefined) params.AccountSid = accountSid;
    const optOutType = optOutTypeOf(msg.body);
    if (optOutType !== undefined) params.OptOutType = optOutType;
    const delivered = await deliver('inbound', params);
    return { providerMessageId, delivered };
  }

  /** Schedules the callbacks of an accepted message: `sent` on the next turn, the final one `latencyMs` later. */
  function progress(req: SendRequest, sid: string, outcome: SimulatedOutcome & { kind: 'deliver' | 'fail' }): void {
    track(async () => {
      await nextTurn();
      if (outcome.kind === 'fail' && !outcome.sent) {
        await emit(req, sid, outcome.status, outcome.errorCode);
        return;
      }
      await emit(req, sid, 'sent');
      if (latencyMs > 0) await sleep(latencyMs);
      if (outcome.kind === 'fail') {
        await emit(req, sid, outcome.status, outcome.errorCode);
        return;
      }
      await emit(req, sid, 'delivered');
      const pair = `${req.to}|${req.from}`;
      if (outcome.reply !== undefined && !replied.has(pair)) {
        // Once per sender: the reply's own confirmation text must not trigger another reply (no loop).
        replied.add(pair);
        await simulateInbound({ from: req.to, to: req.from, body: outcome.reply, accountSid: req.accountSid });
      }
    });
  }

  async function send(req: SendRequest, signal: AbortSignal): Promise<SendResult> {
    if (signal.aborted) {
      counters.transient++;
      return { kind: 'transient', message: 'send aborted before it reached the simulator' };
    }
    const attempt = (attempts.get(req.messageId) ?? 0) + 1;
    attempts.set(req.messageId, attempt);
    const reg = isRegistered(req.from);
    const registered = typeof reg === 'boolean' ? reg : await reg;
    const outcome = simulateSend({ to: req.to, from: req.from, body: req.body, attempt, registered });
    switch (outcome.kind) {
      case 'reject':
        attempts.delete(req.messageId);
        counters.rejected++;
        return { kind: 'rejected', code: outcome.code, message: outcome.message };
      case 'transient':
        counters.transient++;
        return outcome.retryAfterMs === undefined
          ? { kind: 'transient', message: outcome.message }
          : { kind: 'transient', message: outcome.message, retryAfterMs: outcome.retryAfterMs };
      case 'hang':
        await untilAborted(signal);
        counters.transient++;
        // As with a real provider timeout, the request was written: the caller cannot know the outcome.
        return { kind: 'ambiguous', message: 'simulated provider timeout (no answer before the signal aborted)' };
      case 'deliver':
      case 'fail': {
        attempts.delete(req.messageId);
        counters.accepted++;
        const sid = newSid('SM');
        options.journal?.append(outcome.kind === 'deliver'
          ? { sid, messageId: req.messageId, status: 'delivered' }
          : { sid, messageId: req.messageId, status: outcome.status, errorCode: outcome.errorCode });
        messages.set(sid, { status: 'queued' });
        const ids = accepted.get(req.messageId);
        if (ids === undefined) accepted.set(req.messageId, [sid]);
        else ids.push(sid);
        forgetOldest();
        accountByNumber.set(req.from, req.accountSid);
        progress(req, sid, outcome);
        return { kind: 'accepted', providerMessageId: sid };
      }
      default: {
        const _x: never = outcome;
        throw new Error(`unhandled outcome ${String(_x)}`);
      }
    }
  }

  function fetchStatus(providerMessageId: string, signal: AbortSignal): Promise<FetchResult> {
    if (signal.aborted) return Promise.resolve({ kind: 'transient', message: 'fetch aborted' });
    const record = messages.get(providerMessageId);
    if (record === undefined) return Promise.resolve({ kind: 'not_found' });
    return Promise.resolve(
      record.errorCode === undefined
        ? { kind: 'found', status: record.status }
        : { kind: 'found', status: record.status, errorCode: record.errorCode },
    );
  }

  /** Looks up what it accepted for a Clearsend message id (the simulator's list is consistent at once). */
  function findSent(req: FindSentRequest, signal: AbortSignal): Promise<FindSentResult> {
    if (signal.aborted) return Promise.resolve({ kind: 'transient', message: 'lookup aborted' });
    const sid = accepted.get(req.messageId)?.at(-1);
    const record = sid === undefined ? undefined : messages.get(sid);
    if (sid === undefined || record === undefined) return Promise.resolve({ kind: 'not_found' });
    return Promise.resolve(
      record.errorCode === undefined
        ? { kind: 'found', status: record.status, providerMessageId: sid }
        : { kind: 'found', status: record.status, errorCode: record.errorCode, providerMessageId: sid },
    );
  }

  return {
    name: 'simulator',
    send,
    fetchStatus,
    findSent,
    parseStatus: (webhook) => parseTwilioStatusParams(webhook.params, webhook.url),
    parseInbound: (webhook) => parseTwilioInboundParams(webhook.params),
    verifySignature: (webhook) =>
      verifyTwilioSignature(secret, headerValue(webhook.headers, SIMULATOR_SIGNATURE_HEADER), webhook.url, webhook.params),
    onWebhook(handler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
    simulateInbound,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    acceptedFor: (messageId) => accepted.get(messageId) ?? [],
    stats: () => ({ ...counters }),
  };
}
