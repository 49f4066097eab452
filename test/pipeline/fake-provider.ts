import type { FetchResult, ProviderStatus, SendRequest, SendResult, SmsProvider, StatusUpdate, InboundMessage } from '../../src/providers/provider.js';

/**
 * A scripted SmsProvider for pipeline tests: answers `send` from a per-recipient script (default
 * accepted), records every call, and answers `fetchStatus` from what it accepted (by provider id
 * or by Clearsend message id).
 */
export class FakeProvider implements SmsProvider {
  readonly name = 'simulator' as const;
  readonly sends: SendRequest[] = [];
  private readonly scripts = new Map<string, SendResult['kind'][]>();
  private readonly known = new Map<string, { messageId: string; status: ProviderStatus }>();
  private n = 0;
  /** When set, send() never resolves until `release()` (to test leases and stop()). */
  hang: Promise<void> | undefined;
  fetchAnswer: 'normal' | 'transient' = 'normal';

  /** The answers for sends to `to`, in order; after the script runs out, `accepted`. */
  script(to: string, kinds: SendResult['kind'][]): void {
    this.scripts.set(to, [...kinds]);
  }

  /** Pretends the provider received a message (as if its answer was lost). */
  remember(messageId: string, status: ProviderStatus = 'sent'): string {
    const id = `SMfake${String(++this.n).padStart(26, '0')}`;
    this.known.set(id, { messageId, status });
    return id;
  }

  async send(req: SendRequest, _signal: AbortSignal): Promise<SendResult> {
    this.sends.push(req);
    if (this.hang !== undefined) await this.hang;
    const kind = this.scripts.get(req.to)?.shift() ?? 'accepted';
    switch (kind) {
      case 'accepted':
        return { kind, providerMessageId: this.remember(req.messageId) };
      case 'rejected':
        return { kind, code: '21211', message: 'invalid To' };
      case 'transient':
        return { kind, message: '503 service unavailable' };
    }
  }

  fetchStatus(id: string, _signal: AbortSignal): Promise<FetchResult> {
    if (this.fetchAnswer === 'transient') return Promise.resolve({ kind: 'transient', message: 'timeout' });
    for (const [pid, v] of this.known) {
      if (pid === id || v.messageId === id) return Promise.resolve({ kind: 'found', status: v.status });
    }
    return Promise.resolve({ kind: 'not_found' });
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
