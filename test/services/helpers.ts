import type { Db } from '../../src/store/db.js';
import type { SmsProvider } from '../../src/providers/provider.js';
import type { Logger, ServiceDeps } from '../../src/services/index.js';
import type { PostOutbound } from '../../src/services/shared/deps.js';
import { createAccount, putContact, putNumber, recordConsent, type AccountView } from '../../src/services/index.js';

/** A clock tests move by hand. */
export class FakeClock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  set(iso: string): void {
    this.t = new Date(iso);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** A logger that keeps what it was given (errors fail tests that check it). */
export function memoryLog(): Logger & { entries: { level: string; msg?: string }[] } {
  const entries: { level: string; msg?: string }[] = [];
  const at = (level: string) => (_o: object, msg?: string) => {
    entries.push({ level, msg });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Tuesday 10 March 2026, 13:00 in New York (EDT): inside every quiet-hour window. */
export const NOON = '2026-03-10T17:00:00.000Z';
export const SENDER = '+12125550100';
export const BODY = 'Acme Realty: your showing is confirmed for 3pm. Reply STOP to opt out.';

/** An outbound client for tests that never reach a URL of their own: refuses everything. */
export const noOutbound: PostOutbound = (req) => Promise.resolve({ kind: 'refused', message: `no outbound HTTP in this test (${req.url})` });

export function makeDeps(db: Db, provider: SmsProvider, clock = new FakeClock(new Date(NOON))): ServiceDeps & { clock: FakeClock } {
  return { db, provider, clock, log: memoryLog(), outbound: noOutbound };
}

let counter = 0;
let senders = 0;

/** A sender number no other account of this process holds (a phone has one owner). */
export function nextSender(): string {
  return `+1201555${String(1000 + (++senders % 9000)).padStart(4, '0')}`;
}

/** An account with one registered sender number (its own, unless `sender` is given, e.g. SENDER). */
export async function seedAccount(
  deps: ServiceDeps,
  name = `acct-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
  sender = nextSender(),
): Promise<{ account: AccountView; key: string; sender: string }> {
  const r = await createAccount(deps, { name, brandName: 'Acme Realty' });
  await putNumber(deps, r.account.accountId, sender, { registered: true });
  return { ...r, sender };
}

/** A New York contact who consented to informational texts. */
export async function seedRecipient(deps: ServiceDeps, accountId: string, phone: string, purposes: ('marketing' | 'informational' | 'transactional')[] = ['informational']): Promise<void> {
  await putContact(deps, accountId, phone, { timezone: 'America/New_York', state: 'NY' });
  await recordConsent(deps, accountId, phone, {
    channel: 'sms', purposes, method: 'web_form', written: true, grantedAt: '2026-01-05T12:00:00Z',
    evidence: { url: 'https://acme.example/optin', formTextSha256: 'ab12cd', checkbox: true },
  });
}
