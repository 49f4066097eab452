import { describe, expect, it } from 'vitest';
import {
  acceptMessage,
  dispatchOnce,
  getMessage,
  handleStatus,
  putContact,
  reconcileOnce,
  revokeConsent,
  scheduleOnce,
  updateAccount,
} from '../../src/services/index.js';
import { startWorkers } from '../../src/runtime/workers.js';
import { claimForDispatch } from '../../src/services/sending/claim.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, NOON, SENDER, seedRecipient } from './helpers.js';
import { useSeededAccount } from './seeded-account.js';
import type { PostOutbound } from '../../src/services/shared/deps.js';
import { deliverStatusCallbacksOnce } from '../../src/services/sending/status-forward.js';

let phoneN = 200;
const W = { workerId: 'w1', leaseMs: 30_000 };

const s = useSeededAccount(SENDER);

async function queued(purpose: 'informational' | 'marketing' = 'informational'): Promise<{ id: string; to: string }> {
  const to = `+1212555${String(++phoneN).padStart(4, '0')}`;
  await seedRecipient(s.deps, s.account.accountId, to, [purpose]);
  const { message } = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose });
  expect(message.status).toBe('queued');
  return { id: message.id, to };
}

async function drain(): Promise<void> {
  while ((await dispatchOnce(s.deps, W)) > 0);
}

async function statusOf(id: string): Promise<string> {
  return (await getMessage(s.deps, s.account.accountId, id)).status;
}

describe(`dispatch (${testDbKind})`, () => {
  it('claims, commits sending, sends once and records sent with the provider id', async () => {
    const m = await queued();
    await drain();
    const full = await getMessage(s.deps, s.account.accountId, m.id);
    expect(full.status).toBe('sent');
    expect(full.providerMessageId).toMatch(/^SMfake/);
    expect(full.events.map((e) => e.status)).toEqual(['queued', 'sending', 'sent']);
    expect(s.provider.sendsOf(m.id)).toBe(1);
    expect(s.provider.sends.find((send) => send.messageId === m.id)).toMatchObject({ accountSid: s.account.sid, to: m.to, body: BODY });
  });

  it('re-evaluates at dispatch: an opt-out recorded after acceptance wins (blocked, never sent)', async () => {
    const m = await queued();
    // revokeConsent cancels queued texts; simulate an opt-out that bypassed the cancel (DND from a carrier)
    await putContact(s.deps, s.account.accountId, m.to, { dnd: true });
    await drain();
    const full = await getMessage(s.deps, s.account.accountId, m.id);
    expect(full.status).toBe('blocked');
    expect(full.events.at(-1)).toMatchObject({ status: 'blocked', reason: 're-evaluated at dispatch: block', detail: { reasons: ['dnd.sms'] } });
    expect(s.provider.sendsOf(m.id)).toBe(0);
  });

  it('re-evaluates at dispatch: a quiet-hour policy change reschedules instead of sending', async () => {
    const m = await queued();
    await updateAccount(s.deps, s.account.accountId, { settings: { quietHours: { window: { start: '14:00', end: '20:00' } } } });
    try {
      await drain();
      const full = await getMessage(s.deps, s.account.accountId, m.id);
      expect(full.status).toBe('scheduled');
      expect(full.events.at(-1)?.detail).toMatchObject({ runAt: '2026-03-10T18:00:00.000Z' });
      expect(s.provider.sendsOf(m.id)).toBe(0);
      const [row] = await s.t.db.query<{ attempts: number }>('select attempts from messages where account_id = $1 and id = $2', [s.account.accountId, m.id]);
      expect(row!.attempts).toBe(0);
    } finally {
      await updateAccount(s.deps, s.account.accountId, { settings: { quietHours: null } });
    }
    expect(await scheduleOnce(s.deps)).toBe(0); // not due yet
    s.deps.clock.set('2026-03-10T18:00:00.000Z');
    try {
      expect(await scheduleOnce(s.deps)).toBeGreaterThanOrEqual(1);
      await drain();
      expect(await statusOf(m.id)).toBe('sent');
    } finally {
      s.deps.clock.set(NOON);
    }
  });

  it('a rejected send fails with the provider code and is not retried', async () => {
    const m = await queued();
    s.provider.script(m.to, ['rejected']);
    await drain();
    const full = await getMessage(s.deps, s.account.accountId, m.id);
    expect(full).toMatchObject({ status: 'failed', errorCode: '21211' });
    expect(s.provider.sendsOf(m.id)).toBe(1);
  });

  it('a transient failure retries with backoff, then succeeds', async () => {
    const m = await queued();
    s.provider.script(m.to, ['transient', 'transient', 'accepted']);
    await drain();
    expect(await statusOf(m.id)).toBe('queued');
    const [row] = await s.t.db.query<{ run_at: Date; attempts: number }>('select run_at, attempts from messages where account_id = $1 and id = $2', [s.account.accountId, m.id]);
    expect(row!.attempts).toBe(1);
    expect(row!.run_at.getTime() - s.deps.clock.now().getTime()).toBe(2_000);
    await drain();
    expect(s.provider.sendsOf(m.id)).toBe(1); // not due yet
    s.deps.clock.advance(2_000);
    await drain();
    s.deps.clock.advance(4_000);
    await drain();
    expect(await statusOf(m.id)).toBe('sent');
    expect(s.provider.sendsOf(m.id)).toBe(3);
    s.deps.clock.set(NOON);
  });

  it('gives up after the last attempt and marks failed', async () => {
    const m = await queued();
    s.provider.script(m.to, Array.from({ length: 10 }, () => 'transient' as const));
    for (let i = 0; i < 10; i++) {
      await drain();
      s.deps.clock.advance(300_000);
    }
    s.deps.clock.set(NOON);
    const full = await getMessage(s.deps, s.account.accountId, m.id);
    expect(full.status).toBe('failed');
    expect(s.provider.sendsOf(m.id)).toBe(8);
    expect(full.events.at(-1)?.reason).toBe('gave up after 8 attempts');
  });

  it('lease expiry moves a dead claim to unknown, never back to queued; the reconciler settles it', async () => {
    const found = await queued();
    const lost = await queued();
    // a worker claims both, then dies before calling the provider for `lost` and after it for `found`
    const claimed = await claimForDispatch(s.t.db, { workerId: 'dead', now: s.deps.clock.now(), limit: 100 });
    expect(claimed.map((c) => c.message.id).sort()).toEqual([found.id, lost.id].sort());
    s.provider.remember(found.id, 'delivered', { to: found.to, from: SENDER, body: BODY });
    s.deps.clock.advance(29_000);
    await reconcileOnce(s.deps, { leaseMs: 30_000, retryMs: 0 });
    expect(await statusOf(found.id)).toBe('sending'); // lease not expired
    s.deps.clock.advance(2_000);
    s.provider.fetchAnswer = 'transient';
    await reconcileOnce(s.deps, { leaseMs: 30_000, retryMs: 0 });
    expect(await statusOf(found.id)).toBe('unknown');
    expect(await statusOf(lost.id)).toBe('unknown');
    s.provider.fetchAnswer = 'normal';
    await reconcileOnce(s.deps, { leaseMs: 30_000, retryMs: 0 });
    expect(await statusOf(found.id)).toBe('delivered');
    // Not in the provider's list, but too soon to trust that (lease + grace after the claim)
    expect(await statusOf(lost.id)).toBe('unknown');
    s.deps.clock.advance(120_000);
    await reconcileOnce(s.deps, { leaseMs: 30_000, retryMs: 0 });
    expect(await statusOf(lost.id)).toBe('queued');
    await drain();
    expect(await statusOf(lost.id)).toBe('sent');
    expect(s.provider.sendsOf(found.id)).toBe(0);
    expect(s.provider.sendsOf(lost.id)).toBe(1);
    const events = (await getMessage(s.deps, s.account.accountId, lost.id)).events.map((e) => e.status);
    expect(events).toEqual(['queued', 'sending', 'unknown', 'queued', 'sending', 'sent']);
    s.deps.clock.set(NOON);
  });

  it('an ambiguous send goes to unknown, never back to queued; the reconciler finds it and adopts the sid (no second send)', async () => {
    const m = await queued();
    s.provider.script(m.to, ['ambiguous']);
    const claimedAt = s.deps.clock.now();
    await drain();
    const afterSend = await getMessage(s.deps, s.account.accountId, m.id);
    expect(afterSend.status).toBe('unknown');
    expect(afterSend.providerMessageId).toBeNull();
    expect(afterSend.events.at(-1)).toMatchObject({ status: 'unknown', reason: 'send outcome ambiguous: the provider may have it' });
    s.deps.clock.advance(300_000);
    await drain(); // not claimable
    expect(s.provider.sendsOf(m.id)).toBe(1);
    await reconcileOnce(s.deps, { leaseMs: 30_000, retryMs: 0 });
    expect(s.provider.findSentCalls.at(-1)).toEqual({ messageId: m.id, from: SENDER, to: m.to, body: BODY, sentAfter: claimedAt, excludeProviderMessageIds: [] });
    const found = await getMessage(s.deps, s.account.accountId, m.id);
    expect(found.status).toBe('sent');
    expect(found.providerMessageId).toMatch(/^SMfake/);
    expect(found.events.at(-1)).toMatchObject({ status: 'sent', reason: 'reconciled: the provider has it (sent)', detail: { providerMessageId: found.providerMessageId } });
    // the adopted sid is what the provider's status callbacks carry
    expect(await handleStatus(s.deps, s.account, { providerMessageId: found.providerMessageId!, status: 'delivered' })).toEqual({ updated: true });
    await drain();
    expect(await statusOf(m.id)).toBe('delivered');
    expect(s.provider.sendsOf(m.id)).toBe(1);
    expect(s.provider.receivedOf(m.id)).toBe(1);
    expect((await getMessage(s.deps, s.account.accountId, m.id)).events.map((e) => e.status)).toEqual(['queued', 'sending', 'unknown', 'sent', 'delivered']);
    s.deps.clock.set(NOON);
  });

  it('an ambiguous send the provider never got is re-queued only once not_found can be trusted, then sent once', async () => {
    const m = await queued();
    s.provider.script(m.to, ['ambiguous-lost']);
    await drain();
    expect(await statusOf(m.id)).toBe('unknown');
    // not in the list yet, but the list is eventually consistent: too soon (lease 30 s + grace 120 s)
    s.deps.clock.advance(60_000);
    await reconcileOnce(s.deps, { leaseMs: 30_000, retryMs: 0 });
    expect(await statusOf(m.id)).toBe('unknown');
    // a failed lookup is never a not_found, however late
    s.deps.clock.advance(100_000);
    s.provider.findSentAnswer = 'transient';
    await reconcileOnce(s.deps, { leaseMs: 30_000, retryMs: 0 });
    expect(await statusOf(m.id)).toBe('unknown');
    s.provider.findSentAnswer = 'normal';
    await reconcileOnce(s.deps, { leaseMs: 30_000, retryMs: 0 });
    expect(await statusOf(m.id)).toBe('queued');
    await drain();
    expect(await statusOf(m.id)).toBe('sent');
    expect(s.provider.sendsOf(m.id)).toBe(2);
    expect(s.provider.receivedOf(m.id)).toBe(1);
    const events = (await getMessage(s.deps, s.account.accountId, m.id)).events;
    expect(events.map((e) => e.status)).toEqual(['queued', 'sending', 'unknown', 'queued', 'sending', 'sent']);
    expect(events[3]?.reason).toBe('reconciled: the provider never received it; sending again');
    s.deps.clock.set(NOON);
  });

  it('status callbacks move sent → delivered and mark the contact from error codes', async () => {
    const cases = [
      { code: '21610', expect: 'dnd.sms', contact: { dnd: true, dndCause: 'carrier_opt_out' } },
      { code: '30003', expect: 'dnd.sms', contact: { dnd: true, dndCause: 'unreachable' } },
      { code: '30006', expect: 'number.landline', contact: { lineType: 'landline' } },
      { code: '30007', expect: null, contact: { dnd: false, lineType: null } },
    ] as const;
    for (const c of cases) {
      const m = await queued();
      await drain();
      const sent = await getMessage(s.deps, s.account.accountId, m.id);
      expect(await handleStatus(s.deps, s.account, { providerMessageId: sent.providerMessageId!, status: 'undelivered', errorCode: c.code })).toEqual({ updated: true });
      const after = await getMessage(s.deps, s.account.accountId, m.id);
      expect(after).toMatchObject({ status: 'undelivered', errorCode: c.code });
      const contact = await s.t.db.query<{ dnd: boolean; dnd_cause: string | null; line_type: string | null }>('select dnd, dnd_cause, line_type from contacts where account_id = $1 and phone = $2', [s.account.accountId, m.to]);
      expect({ dnd: contact[0]!.dnd, dndCause: contact[0]!.dnd_cause, lineType: contact[0]!.line_type }).toMatchObject(c.contact);
      const next = await acceptMessage(s.deps, s.account.accountId, { to: m.to, body: BODY, purpose: 'informational' });
      if (c.expect === null) expect(next.message.status).toBe('queued');
      else expect(next.message.reasons.map((r) => r.code)).toContain(c.expect);
      if (next.message.status === 'queued') await revokeConsent(s.deps, s.account.accountId, m.to, { evidence: {} });
    }
  });

  it('asks the provider to report to Clearsend and forwards each status to the caller\'s statusCallback', async () => {
    const posted: { url: string; form: Record<string, string> }[] = [];
    const outbound: PostOutbound = (req) => {
      posted.push({ url: req.url, form: Object.fromEntries(new URLSearchParams(req.body)) });
      return Promise.resolve({ kind: 'answered', status: 204, body: '' });
    };
    const d = { ...s.deps, outbound, statusCallbackUrl: (sid: string, id: string) => `https://cs.example/webhooks/twilio/status?accountSid=${sid}&mid=${id}` };
    const to = `+1212555${String(++phoneN).padStart(4, '0')}`;
    await seedRecipient(d, s.account.accountId, to, ['informational']);
    const { message } = await acceptMessage(d, s.account.accountId, { to, body: BODY, purpose: 'informational', statusCallback: 'https://app.example/sms-status' });
    while ((await dispatchOnce(d, W)) > 0);
    const sent = s.provider.sends.find((r) => r.messageId === message.id);
    expect(sent?.statusCallback).toBe(`https://cs.example/webhooks/twilio/status?accountSid=${s.account.sid}&mid=${message.id}`);
    const pid = (await getMessage(d, s.account.accountId, message.id)).providerMessageId!;
    await handleStatus(d, s.account, { providerMessageId: pid, status: 'undelivered', errorCode: '30007' });
    await deliverStatusCallbacksOnce(d, d.clock.now());
    expect(posted.map((p) => p.url)).toEqual(['https://app.example/sms-status']);
    expect(posted[0]?.form).toMatchObject({ MessageSid: message.id, MessageStatus: 'undelivered', ErrorCode: '30007', To: to });
  });

  it('a status callback never moves a final message backwards and ignores unknown provider ids', async () => {
    const m = await queued();
    await drain();
    const pid = (await getMessage(s.deps, s.account.accountId, m.id)).providerMessageId!;
    expect(await handleStatus(s.deps, s.account, { providerMessageId: pid, status: 'delivered' })).toEqual({ updated: true });
    expect(await handleStatus(s.deps, s.account, { providerMessageId: pid, status: 'sent' })).toEqual({ updated: false });
    expect(await statusOf(m.id)).toBe('delivered');
    expect(await handleStatus(s.deps, s.account, { providerMessageId: 'SMnope', status: 'delivered' })).toEqual({ updated: false });
  });

  it('a status callback that outruns the worker\'s record of the provider id still lands (matched by our id)', async () => {
    const m = await queued();
    await claimForDispatch(s.t.db, { workerId: 'w-race', now: s.deps.clock.now(), limit: 100 });
    expect(await statusOf(m.id)).toBe('sending');
    // The provider accepted it and its "delivered" callback arrives before recordSendResult runs.
    expect(await handleStatus(s.deps, s.account, { providerMessageId: 'SMraceprovider', messageId: m.id, status: 'delivered' })).toEqual({ updated: true });
    const full = await getMessage(s.deps, s.account.accountId, m.id);
    expect(full).toMatchObject({ status: 'delivered', providerMessageId: 'SMraceprovider' });
    // A callback naming our id for a message that already has another provider id is ignored.
    expect(await handleStatus(s.deps, s.account, { providerMessageId: 'SMother', messageId: m.id, status: 'failed' })).toEqual({ updated: false });
  });

  it('startWorkers sends queued messages; stop() waits for the send in flight', async () => {
    const m = await queued();
    let release!: () => void;
    s.provider.hang = new Promise((r) => { release = r; });
    const workers = startWorkers(s.deps, { workerId: 'loop', pollMs: 10, leaseMs: 30_000 });
    await s.provider.sendStarted(m.id);
    let stopped = false;
    const stopping = workers.stop().then(() => { stopped = true; });
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    s.provider.hang = undefined;
    release();
    await stopping;
    expect(await statusOf(m.id)).toBe('sent');
    const m2 = await queued();
    await new Promise((r) => setTimeout(r, 50));
    expect(await statusOf(m2.id)).toBe('queued'); // no new claims after stop
  });
});
