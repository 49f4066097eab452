import type { FetchResult, FindSentRequest, FindSentResult, ProviderStatus, SendRequest, SendResult, SmsProvider, StatusUpdate, InboundMessage } from '../../src/providers/provider.js';

/**
 * A scripted SmsProvider for pipeline tests: answers `send` from a per-recipient script (default
 * accepted), records every call, and answers `fetchStatus` from what it accepted (by provider id
 * or by Clearsend message id). `ambiguous` in a script means the provider took the message (it is
 * remembered) but the answer was lost; `ambiguous-lost` means it never arrived. `findSent` answers
 * by what was sent, like Twilio's list (`findSentAnswer` overrides it).
 */
export class FakeProvider implements SmsProvider {
  readonly name = 'simulator' as const;
  readonly sends: SendRequest[] = [];
  private readonly scripts = new Map<string, FakeSendKind[]>();
  private readonly known = new Map<string, { messageId: string; status: ProviderStatus; errorCode?: string; to?: string; from?: string; body?: string }>();
  private n = 0;
  /** When set, send() never resolves until `release()` (to test leases and stop()). */
  hang: Promise<void> | undefined;
  fetchAnswer: 'normal' | 'transient' = 'normal';
  /** How findSent answers: from what it accepted (normal), or always transient / not_found; `fetchAnswer: 'transient'` wins. */
  findSentAnswer: 'normal' | 'transient' | 'not_found' = 'normal';
  readonly findSentCalls: FindSentRequest[] = [];
  readonly fetchStatusCalls: string[] = [];
  private readonly sendWaiters: { messageId: string; resolve: () => void }[] = [];

  /** The answers for sends to `to`, in order; after the script runs out, `accepted`. */
  script(to: string, kinds: FakeSendKind[]): void {
    this.scripts.set(to, [...kinds]);
  }

  /** Pretends the provider received a message (as if its answer was lost). */
  remember(messageId: string, status: ProviderStatus = 'sent', sent?: { to: string; from: string; body: string }): string {
    const id = `SMfake${String(++this.n).padStart(26, '0')}`;
    this.known.set(id, { messageId, status, ...sent });
    return id;
  }

  async send(req: SendRequest, _signal: AbortSignal): Promise<SendResult> {
    this.sends.push(req);
    for (const w of this.sendWaiters.filter((x) => x.messageId === req.messageId)) {
      this.sendWaiters.splice(this.sendWaiters.indexOf(w), 1);
      w.resolve();
    }
    if (this.hang !== undefined) await this.hang;
    const kind = this.scripts.get(req.to)?.shift() ?? 'accepted';
    switch (kind) {
      case 'accepted':
        return { kind, providerMessageId: this.remember(req.messageId, 'sent', req) };
      case 'rejected':
        return { kind, code: '21211', message: 'invalid To' };
      case 'transient':
        return { kind, message: '503 service unavailable' };
      case 'ambiguous': {
        this.remember(req.messageId, 'sent', req);
        return { kind, message: 'TimeoutError: the operation was aborted due to timeout' };
      }
      case 'ambiguous-lost':
        return { kind: 'ambiguous', message: 'TimeoutError: the operation was aborted due to timeout' };
    }
  }

  /** Like Twilio's list: matches on from, to and body only (never on our id). */
  findSent(req: FindSentRequest, _signal: AbortSignal): Promise<FindSentResult> {
    this.findSentCalls.push(req);
    if (this.findSentAnswer === 'transient' || this.fetchAnswer === 'transient') return Promise.resolve({ kind: 'transient', message: 'timeout' });
    if (this.findSentAnswer === 'not_found') return Promise.resolve({ kind: 'not_found' });
    for (const [pid, v] of this.known) {
      if (req.excludeProviderMessageIds?.includes(pid) === true) continue;
      if (v.to === req.to && v.from === req.from && v.body === req.body) return Promise.resolve({ kind: 'found', status: v.status, providerMessageId: pid });
    }
    return Promise.resolve({ kind: 'not_found' });
  }

  /** Moves a message the provider has to a new status, as the carrier would (its callback lost). */
  setStatus(providerMessageId: string, status: ProviderStatus, errorCode?: string): void {
    const v = this.known.get(providerMessageId);
    if (v === undefined) throw new Error(`unknown provider id ${providerMessageId}`);
    v.status = status;
    if (errorCode !== undefined) v.errorCode = errorCode;
  }

  fetchStatus(id: string, _signal: AbortSignal): Promise<FetchResult> {
    this.fetchStatusCalls.push(id);
    if (this.fetchAnswer === 'transient') return Promise.resolve({ kind: 'transient', message: 'timeout' });
    for (const [pid, v] of this.known) {
      if (pid === id || v.messageId === id) return Promise.resolve(v.errorCode === undefined ? { kind: 'found', status: v.status } : { kind: 'found', status: v.status, errorCode: v.errorCode });
    }
    return Promise.resolve({ kind: 'not_found' });
  }

  /** How many times the provider actually took this Clearsend message (what a recipient would receive). */
  receivedOf(messageId: string): number {
    return [...this.known.values()].filter((v) => v.messageId === messageId).length;
  }

  /** Resolves once send() was called for this Clearsend message (at once if it was): a test awaits a worker's send instead of polling. */
  sendStarted(messageId: string): Promise<void> {
    if (this.sendsOf(messageId) > 0) return Promise.resolve();
    return new Promise((resolve) => { this.sendWaiters.push({ messageId, resolve }); });
  }

  /** How many times the provider was asked to send this Clearsend message. */
  sendsOf(messageId: string): number {
    return this.sends.filter((s) => s.messageId === messageId).length;
  }

  parseStatus(): StatusUpdate | null {
    return null;
  }

  parseInbound(): InboundMessage | null {
    return null;
  }

  verifySignature(): boolean {
    return true;
  }
}

/** What a scripted send answers: a SendResult kind, or `ambiguous-lost` (ambiguous, and the provider never got it). */
export type FakeSendKind = SendResult['kind'] | 'ambiguous-lost';
