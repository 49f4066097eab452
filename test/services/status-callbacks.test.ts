import twilio from 'twilio';
import { beforeEach, describe, expect, it } from 'vitest';
import { getAlertWebhook } from '../../src/services/monitoring/alerts.js';
import type { OutboundPost, OutboundResult, PostOutbound } from '../../src/services/shared/deps.js';
import { acceptMessage, dispatchOnce, getMessage, handleStatus } from '../../src/services/index.js';
import { deliverStatusCallbacksOnce } from '../../src/services/sending/status-forward.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, makeDeps, seedRecipient } from './helpers.js';
import { useSeededAccount } from './seeded-account.js';

const HOOK = 'https://app.example/sms-status?tenant=7';

/** A receiver answering from a script of statuses (then 204), recording every POST. */
function receiver(script: number[] = [], delayMs = 0): { posts: OutboundPost[]; outbound: PostOutbound } {
  const posts: OutboundPost[] = [];
  return {
    posts,
    outbound: async (req): Promise<OutboundResult> => {
      posts.push(req);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      return { kind: 'answered', status: script.shift() ?? 204, body: '' };
    },
  };
}

let phoneN = 600;

const s = useSeededAccount();
// one outbox for the whole file: start each test with nothing due
beforeEach(async () => { await s.t.unscoped.query(`update status_callback_deliveries set status = 'failed', next_attempt_at = null where status <> 'delivered'`); });

/** A message sent with a statusCallback; returns its id and provider id. */
async function sentWithCallback(url = HOOK): Promise<{ id: string; pid: string; to: string }> {
  const to = `+1212555${String(++phoneN).padStart(4, '0')}`;
  await seedRecipient(s.deps, s.account.accountId, to, ['informational']);
  const { message } = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'informational', statusCallback: url });
  while ((await dispatchOnce(s.deps, { workerId: 'w', leaseMs: 30_000 })) > 0);
  return { id: message.id, pid: (await getMessage(s.deps, s.account.accountId, message.id)).providerMessageId!, to };
}

const rows = (messageId: string) => s.t.db.query<{ status: string; attempts: number; next_attempt_at: Date | null; payload: Record<string, string> }>(
  'select status, attempts, next_attempt_at, payload from status_callback_deliveries where account_id = $1 and message_id = $2 order by id', [s.account.accountId, messageId]);

describe(`forwarded status callbacks (${testDbKind})`, () => {
  it('a status change enqueues its callback with the change (fast and full path); nothing is POSTed in the request', async () => {
    const hook = receiver();
    const d = { ...s.deps, outbound: hook.outbound };
    const fast = await sentWithCallback();
    expect(await handleStatus(d, s.account, { providerMessageId: fast.pid, status: 'delivered' })).toEqual({ updated: true });
    // 30003 marks the contact: the full (transactional) path
    const full = await sentWithCallback();
    expect(await handleStatus(d, s.account, { providerMessageId: full.pid, status: 'undelivered', errorCode: '30003' })).toEqual({ updated: true });
    // handleStatus resolved and posted nothing; the outbox rows were never attempted (only the deliverer POSTs)
    expect(hook.posts).toEqual([]);
    expect((await rows(fast.id)).map((r) => [r.status, r.attempts, r.payload.MessageStatus])).toEqual([['pending', 0, 'delivered']]);
    const [queued] = await rows(full.id);
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 });
    expect(queued?.payload).toEqual({ MessageSid: full.id, SmsSid: full.id, MessageStatus: 'undelivered', SmsStatus: 'undelivered', AccountSid: s.account.sid, To: full.to, From: expect.any(String) as unknown, ErrorCode: '30003' });
    // a callback that moves nothing enqueues nothing
    expect(await handleStatus(d, s.account, { providerMessageId: fast.pid, status: 'sent' })).toEqual({ updated: false });
    expect(await rows(fast.id)).toHaveLength(1);
  });

  it('POSTs Twilio\'s form signed with X-Twilio-Signature keyed by the account\'s signing secret (the twilio SDK verifies it)', async () => {
    const hook = receiver();
    const d = { ...s.deps, outbound: hook.outbound };
    const m = await sentWithCallback();
    await handleStatus(d, s.account, { providerMessageId: m.pid, status: 'delivered' });
    expect(await deliverStatusCallbacksOnce(d, d.clock.now())).toBe(1);
    expect(hook.posts).toHaveLength(1);
    const post = hook.posts[0]!;
    expect(post.url).toBe(HOOK);
    const params = Object.fromEntries(new URLSearchParams(post.body));
    expect(params).toMatchObject({ MessageSid: m.id, MessageStatus: 'delivered', AccountSid: s.account.sid, To: m.to });
    const { signingSecret } = await getAlertWebhook(d, s.account.accountId);
    const signature = post.headers['X-Twilio-Signature']!;
    expect(twilio.validateRequest(signingSecret, signature, HOOK, params)).toBe(true);
    expect(twilio.validateRequest(signingSecret, signature, HOOK, { ...params, MessageStatus: 'failed' })).toBe(false);
    expect(twilio.validateRequest('another-secret', signature, HOOK, params)).toBe(false);
    expect((await rows(m.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    // delivered once: never again
    d.clock.advance(3_600_000);
    expect(await deliverStatusCallbacksOnce(d, d.clock.now())).toBe(0);
    d.clock.advance(-3_600_000);
  });

  it('retries with backoff after a failure (a 3xx is one), then gives up after the last attempt', async () => {
    const hook = receiver([500, 302]);
    const d = { ...s.deps, outbound: hook.outbound };
    const m = await sentWithCallback();
    await handleStatus(d, s.account, { providerMessageId: m.pid, status: 'delivered' });
    const start = d.clock.now().getTime();
    await deliverStatusCallbacksOnce(d, d.clock.now());
    expect((await rows(m.id))[0]).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: new Date(start + 30_000) });
    expect(await deliverStatusCallbacksOnce(d, new Date(start + 20_000))).toBe(0); // not due yet
    await deliverStatusCallbacksOnce(d, new Date(start + 30_000));
    expect((await rows(m.id))[0]).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: new Date(start + 90_000) });
    await deliverStatusCallbacksOnce(d, new Date(start + 90_000));
    expect((await rows(m.id))[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(new Set(hook.posts.map((p) => `${p.body}|${p.headers['X-Clearsend-Delivery']!}`)).size).toBe(1); // the same callback every time

    const dead: PostOutbound = () => Promise.resolve({ kind: 'failed', message: 'connect ECONNREFUSED' });
    const m2 = await sentWithCallback();
    await handleStatus({ ...d, outbound: dead }, s.account, { providerMessageId: m2.pid, status: 'delivered' });
    await s.t.db.query(`update status_callback_deliveries set attempts = 9 where account_id = $1 and message_id = $2`, [s.account.accountId, m2.id]);
    await deliverStatusCallbacksOnce({ ...d, outbound: dead }, d.clock.now());
    expect((await rows(m2.id))[0]).toMatchObject({ status: 'failed', attempts: 10, next_attempt_at: null });
  });

  it('two concurrent deliverers never deliver the same callback twice', async () => {
    const hook = receiver([], 30);
    const d = { ...s.deps, outbound: hook.outbound };
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const m = await sentWithCallback();
      await handleStatus(d, s.account, { providerMessageId: m.pid, status: 'delivered' });
      ids.push(m.id);
    }
    const other = testDbKind === 'postgres' ? { ...makeDeps(s.t.connect(), s.provider, s.deps.clock), outbound: hook.outbound } : d;
    const counts = await Promise.all([
      deliverStatusCallbacksOnce(d, d.clock.now(), { workerId: 'w1', limit: 4 }),
      deliverStatusCallbacksOnce(other, d.clock.now(), { workerId: 'w2', limit: 4 }),
      deliverStatusCallbacksOnce(d, d.clock.now(), { workerId: 'w3', limit: 4 }),
    ]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(6);
    expect(hook.posts.map((p) => new URLSearchParams(p.body).get('MessageSid')).sort()).toEqual([...ids].sort());
  });
});
