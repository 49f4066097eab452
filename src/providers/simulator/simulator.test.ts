import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ProviderStatus, SendRequest } from '../provider.js';
import { findNumberRule, isCarrierFiltered, NUMBER_RULES, simulateSend } from './rules.js';
import type { SimulatorWebhook } from './simulator.js';
import { createSimulatorProvider, SIMULATOR_LOCAL_BASE_URL } from './simulator.js';

const ACCOUNT = 'ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const FROM = '+15017122661';
const never = new AbortController().signal;
let seq = 0;
function req(to: string, body = 'Acme: your appointment is tomorrow at 3pm. Reply STOP to opt out', from = FROM): SendRequest {
  seq++;
  return { messageId: `SM${String(seq).padStart(32, '0')}`, accountSid: ACCOUNT, from, to, body };
}

function harness(opts: Partial<Parameters<typeof createSimulatorProvider>[0]> = {}) {
  const sim = createSimulatorProvider({ secret: 'sim-secret', ...opts });
  const events: SimulatorWebhook[] = [];
  sim.onWebhook((e) => { events.push(e); });
  const statuses = (sid: string): [ProviderStatus, string | undefined][] =>
    events
      .filter((e) => e.kind === 'status')
      .map((e) => sim.parseStatus(e.input))
      .filter((u) => u?.providerMessageId === sid)
      .map((u) => [u!.status, u!.errorCode]);
  return { sim, events, statuses };
}

const SHAFT = 'Acme: 20% off all vapes and e-cigarettes this weekend. Reply STOP to opt out';
const CANNABIS = 'Acme Dispensary: new cannabis edibles in stock, THC gummies 2 for 1';

describe('simulator number rules (send result and status callbacks)', () => {
  it.each<[string, string, string, { kind: string; code?: string }, [ProviderStatus, string | undefined][]]>([
    ['plain number', '+15558675310', 'x', { kind: 'accepted' }, [['sent', undefined], ['delivered', undefined]]],
    ['0001 invalid', '+15550100001', 'x', { kind: 'rejected', code: '21211' }, []],
    ['21610 unsubscribed', '+15555521610', 'x', { kind: 'rejected', code: '21610' }, []],
    ['0004 always 429', '+15550100004', 'x', { kind: 'transient' }, []],
    ['0003 unreachable', '+15550100003', 'x', { kind: 'accepted' }, [['sent', undefined], ['undelivered', '30003']]],
    ['0005 unknown handset', '+15550100005', 'x', { kind: 'accepted' }, [['sent', undefined], ['undelivered', '30005']]],
    ['0006 landline', '+15550100006', 'x', { kind: 'accepted' }, [['sent', undefined], ['failed', '30006']]],
    ['0007 carrier filtering', '+15550100007', 'x', { kind: 'accepted' }, [['sent', undefined], ['undelivered', '30007']]],
    ['SHAFT content', '+15558675310', SHAFT, { kind: 'accepted' }, [['sent', undefined], ['undelivered', '30007']]],
    ['cannabis content', '+15558675310', CANNABIS, { kind: 'accepted' }, [['sent', undefined], ['undelivered', '30007']]],
    ['formatted number', '+1 (555) 010-0003', 'x', { kind: 'accepted' }, [['sent', undefined], ['undelivered', '30003']]],
  ])('%s', async (_name, to, body, expected, callbacks) => {
    const { sim, statuses } = harness();
    const result = await sim.send(req(to, body === 'x' ? undefined : body), never);
    expect(result).toMatchObject(expected);
    await sim.idle();
    if (result.kind === 'accepted') {
      expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
      expect(statuses(result.providerMessageId)).toEqual(callbacks);
      const final = callbacks.at(-1)!;
      expect(await sim.fetchStatus(result.providerMessageId, never)).toEqual(
        final[1] === undefined ? { kind: 'found', status: final[0] } : { kind: 'found', status: final[0], errorCode: final[1] },
      );
    }
  });

  it('0004 carries Retry-After 1s', async () => {
    const { sim } = harness();
    expect(await sim.send(req('+15550100004'), never)).toEqual({
      kind: 'transient',
      message: 'simulated HTTP 429 Too Many Requests (20429)',
      retryAfterMs: 1000,
    });
  });

  it('0002 is transient on the first attempt of a message id, then accepted and delivered', async () => {
    const { sim, statuses } = harness();
    const r = req('+15550100002');
    expect((await sim.send(r, never)).kind).toBe('transient');
    const second = await sim.send(r, never);
    expect(second.kind).toBe('accepted');
    await sim.idle();
    expect(second.kind === 'accepted' && statuses(second.providerMessageId)).toEqual([['sent', undefined], ['delivered', undefined]]);
    // another message to the same number starts over
    expect((await sim.send(req('+15550100002'), never)).kind).toBe('transient');
  });

  it('an unregistered sender fails with 30034 and never reaches `sent`', async () => {
    const { sim, statuses } = harness({ isRegistered: (from) => Promise.resolve(from !== '+15017120000') });
    const bad = await sim.send(req('+15558675310', undefined, '+15017120000'), never);
    const good = await sim.send(req('+15558675310'), never);
    await sim.idle();
    expect(bad.kind === 'accepted' && statuses(bad.providerMessageId)).toEqual([['failed', '30034']]);
    expect(good.kind === 'accepted' && statuses(good.providerMessageId)).toEqual([['sent', undefined], ['delivered', undefined]]);
  });

  it('0008 hangs until the signal aborts, then is ambiguous (and findSent does not find it)', async () => {
    const { sim } = harness();
    const r = req('+15550100008');
    const result = await sim.send(r, AbortSignal.timeout(30));
    expect(result.kind).toBe('ambiguous');
    expect(await sim.findSent?.({ ...r, sentAfter: new Date(0) }, never)).toEqual({ kind: 'not_found' });
    expect(sim.stats().accepted).toBe(0);
  });

  it('an already aborted signal is transient and is not an attempt', async () => {
    const { sim } = harness();
    const r = req('+15550100002');
    expect((await sim.send(r, AbortSignal.abort())).kind).toBe('transient');
    expect((await sim.send(r, never)).kind).toBe('transient'); // still the first real attempt
  });

  it('findSent finds an accepted message by our id, with its provider id', async () => {
    const { sim } = harness();
    const r = req('+15558675310');
    const sent = await sim.send(r, never);
    expect(sent.kind === 'accepted' && (await sim.findSent?.({ ...r, sentAfter: new Date(0) }, never))).toEqual({ kind: 'found', status: 'queued', providerMessageId: sent.kind === 'accepted' ? sent.providerMessageId : '' });
    await sim.idle();
  });

  it('fetchStatus: unknown id → not_found; before the callbacks run → queued', async () => {
    const { sim } = harness();
    expect(await sim.fetchStatus('SMnope', never)).toEqual({ kind: 'not_found' });
    const r = await sim.send(req('+15558675310'), never);
    expect(r.kind === 'accepted' && (await sim.fetchStatus(r.providerMessageId, never))).toEqual({ kind: 'found', status: 'queued' });
    await sim.idle();
  });

  it('records every acceptance per Clearsend message id (double sends are visible)', async () => {
    const { sim } = harness();
    const r = req('+15558675310');
    await sim.send(r, never);
    await sim.send(r, never);
    await sim.idle();
    expect(sim.acceptedFor(r.messageId)).toHaveLength(2);
    expect(sim.acceptedFor('SMother')).toEqual([]);
    expect(sim.stats()).toMatchObject({ accepted: 2, webhooksDelivered: 4, webhookErrors: 0 });
  });

  it('remembers at most `remember` accepted messages: the oldest are forgotten, the newest still answer', async () => {
    const { sim } = harness({ remember: 2 });
    const sent = [];
    for (const to of ['+15558675310', '+15558675311', '+15558675312']) {
      const r = req(to);
      const answer = await sim.send(r, never);
      sent.push({ r, sid: answer.kind === 'accepted' ? answer.providerMessageId : '' });
    }
    await sim.idle();
    const [oldest, ...newest] = sent;
    expect(sim.acceptedFor(oldest!.r.messageId)).toEqual([]);
    expect(await sim.fetchStatus(oldest!.sid, never)).toEqual({ kind: 'not_found' });
    for (const n of newest) {
      expect(sim.acceptedFor(n.r.messageId)).toEqual([n.sid]);
      expect(await sim.fetchStatus(n.sid, never)).toEqual({ kind: 'found', status: 'delivered' });
    }
  });
});

describe('simulator webhooks', () => {
  it('status callbacks are Twilio-shaped and signed so that verifySignature accepts them, and only them', async () => {
    const { sim, events } = harness({ clock: { now: () => new Date('2026-11-23T04:39:00Z') }, random: () => 0.5 });
    const r = req('+15550100003');
    await sim.send(r, never);
    await sim.idle();
    const last = events.at(-1)!;
    expect(last.kind).toBe('status');
    expect(last.input.url).toBe(`${SIMULATOR_LOCAL_BASE_URL}/webhooks/simulator/status`);
    const sid = `SM${'8'.repeat(32)}`;
    expect(last.input.params).toEqual({
      AccountSid: ACCOUNT,
      ApiVersion: '2010-04-01',
      ClearsendMessageId: r.messageId,
      ErrorCode: '30003',
      From: FROM,
      MessageSid: sid,
      MessageStatus: 'undelivered',
      RawDlrDoneDate: '2611230439',
      SmsSid: sid,
      SmsStatus: 'undelivered',
      To: '+15550100003',
    });
    expect(sim.verifySignature(last.input)).toBe(true);
    expect(sim.verifySignature({ ...last.input, params: { ...last.input.params, ErrorCode: '30005' } })).toBe(false);
    expect(sim.verifySignature({ ...last.input, url: `${last.input.url}?x=1` })).toBe(false);
    expect(createSimulatorProvider({ secret: 'other' }).verifySignature(last.input)).toBe(false);
    expect(sim.verifySignature({ ...last.input, headers: {} })).toBe(false);
  });

  it('0777 replies STOP once per sender, as an inbound webhook from the recipient', async () => {
    const { sim, events } = harness();
    await sim.send(req('+15550100777'), never);
    await sim.send(req('+15550100777'), never);
    await sim.send(req('+15550100777', undefined, '+15017129999'), never);
    await sim.idle();
    const inbound = events.filter((e) => e.kind === 'inbound');
    expect(inbound).toHaveLength(2);
    expect(inbound.every((e) => sim.verifySignature(e.input))).toBe(true);
    const parsed = inbound.map((e) => sim.parseInbound(e.input));
    expect(parsed[0]).toMatchObject({ accountSid: ACCOUNT, from: '+15550100777', to: FROM, body: 'STOP', optOutType: 'STOP' });
    expect(parsed[1]).toMatchObject({ from: '+15550100777', to: '+15017129999', body: 'STOP' });
    expect(sim.parseStatus(inbound[0]!.input)).toBeNull();
  });

  it.each([
    ['STOP', 'STOP'],
    ['unsubscribe', 'STOP'],
    [' yes ', 'START'],
    ['info', 'HELP'],
    ['Stop please', undefined],
  ])('simulateInbound(%j) → OptOutType %j', async (body, optOutType) => {
    const { sim, events } = harness({ accountSid: ACCOUNT });
    const { providerMessageId, delivered } = await sim.simulateInbound({ from: '+15558675310', to: FROM, body });
    expect(delivered).toBe(true);
    const msg = sim.parseInbound(events[0]!.input);
    expect(msg).toEqual({ providerMessageId, accountSid: ACCOUNT, from: '+15558675310', to: FROM, body, ...(optOutType === undefined ? {} : { optOutType }) });
  });

  it('simulateInbound takes the AccountSid of the account that last sent from that number', async () => {
    const { sim, events } = harness();
    await sim.send(req('+15558675310'), never);
    await sim.simulateInbound({ from: '+15558675310', to: FROM, body: 'hi' });
    expect(sim.parseInbound(events.find((e) => e.kind === 'inbound')!.input)?.accountSid).toBe(ACCOUNT);
    await sim.idle();
  });

  it('a failing handler counts as a failed delivery', async () => {
    const sim = createSimulatorProvider({ secret: 's' });
    sim.onWebhook(() => { throw new Error('boom'); });
    expect((await sim.simulateInbound({ from: '+1', to: '+2', body: 'x' })).delivered).toBe(false);
    expect(sim.stats().webhookErrors).toBe(1);
  });

  it('unsubscribing stops in-process delivery', async () => {
    const sim = createSimulatorProvider({ secret: 's' });
    const got: SimulatorWebhook[] = [];
    const off = sim.onWebhook((e) => { got.push(e); });
    off();
    await sim.simulateInbound({ from: '+1', to: '+2', body: 'x' });
    expect(got).toEqual([]);
  });

  it('with webhookBaseUrl, POSTs form bodies over HTTP to the service paths, verifiable with the received URL', async () => {
    const received: { path: string; headers: Record<string, string | undefined>; params: Record<string, string> }[] = [];
    const server = createServer((rq, rs) => {
      let body = '';
      rq.setEncoding('utf8');
      rq.on('data', (c: string) => { body += c; });
      rq.on('end', () => {
        received.push({
          path: rq.url ?? '',
          headers: { 'x-simulator-signature': rq.headers['x-simulator-signature'] as string | undefined, 'content-type': rq.headers['content-type'] },
          params: Object.fromEntries(new URLSearchParams(body)),
        });
        rs.writeHead(rq.url === '/webhooks/simulator/inbound' && body.includes('Body=fail') ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const sim = createSimulatorProvider({ secret: 'sim-secret', webhookBaseUrl: `${base}/`, latencyMs: 20 });
      const r = await sim.send(req('+15558675310'), never);
      expect((await sim.simulateInbound({ from: '+15558675310', to: FROM, body: 'HELP' })).delivered).toBe(true);
      expect((await sim.simulateInbound({ from: '+15558675310', to: FROM, body: 'fail' })).delivered).toBe(false);
      await sim.idle();
      expect(received.map((x) => [x.path, x.params.MessageStatus ?? x.params.Body])).toEqual([
        ['/webhooks/simulator/inbound', 'HELP'],
        ['/webhooks/simulator/status', 'sent'],
        ['/webhooks/simulator/inbound', 'fail'],
        ['/webhooks/simulator/status', 'delivered'],
      ]);
      for (const x of received) {
        expect(x.headers['content-type']).toBe('application/x-www-form-urlencoded');
        expect(sim.verifySignature({ url: base + x.path, headers: x.headers, params: x.params })).toBe(true);
      }
      expect(r.kind === 'accepted' && received[1]!.params.MessageSid).toBe(r.kind === 'accepted' ? r.providerMessageId : '');
      expect(sim.stats()).toMatchObject({ webhooksDelivered: 3, webhookErrors: 1 });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    }
  });

  it('latency: the final callback waits latencyMs after `sent`', async () => {
    const { sim, statuses } = harness({ latencyMs: 200 });
    const r = await sim.send(req('+15558675310'), never);
    const sid = r.kind === 'accepted' ? r.providerMessageId : '';
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statuses(sid)).toEqual([['sent', undefined]]);
    await sim.idle();
    expect(statuses(sid)).toEqual([['sent', undefined], ['delivered', undefined]]);
  });

  it('latency 0: thousands of messages all reach delivered', async () => {
    const { sim, events } = harness();
    // numbers that fall under no rule (a number ending 0008 would hang: `never` does not abort)
    const numbers = Array.from({ length: 6000 }, (_, i) => `+1555${String(2_000_000 + i)}`).filter((to) => findNumberRule(to) === undefined);
    const n = numbers.length;
    expect(n).toBeGreaterThan(5000);
    const results = await Promise.all(numbers.map((to) => sim.send(req(to), never)));
    await sim.idle();
    expect(results.every((r) => r.kind === 'accepted')).toBe(true);
    expect(events.filter((e) => e.input.params.MessageStatus === 'delivered')).toHaveLength(n);
  });
});

describe('rules.ts', () => {
  it.each(NUMBER_RULES.map((r) => [r.suffix, r.description, r] as const))('suffix %s (%s) is not shadowed by another rule', (suffix, _d, rule) => {
    expect(findNumberRule(`+1555${'9'.repeat(7 - suffix.length)}${suffix}`)).toBe(rule);
  });

  it.each(['+15558675310', '+15550100070', '+15550100010', '+15550101777', ''])('%j matches no rule', (to) => {
    expect(findNumberRule(to)).toBeUndefined();
  });

  it.each([
    [SHAFT, true],
    [CANNABIS, true],
    ['Happy hour: beer and wine half price tonight', true],
    ['Acme: your appointment is tomorrow at 3pm. Reply STOP to opt out', false],
    ['', false],
  ])('isCarrierFiltered(%j) = %j', (body, expected) => {
    expect(isCarrierFiltered(body)).toBe(expected);
  });

  it('rejects and transients win over registration and content; registration wins over content', () => {
    const base = { from: FROM, attempt: 1 };
    expect(simulateSend({ ...base, to: '+15550100001', body: SHAFT, registered: false })).toMatchObject({ kind: 'reject', code: '21211' });
    expect(simulateSend({ ...base, to: '+15550100004', body: SHAFT, registered: false })).toMatchObject({ kind: 'transient' });
    expect(simulateSend({ ...base, to: '+15550100003', body: SHAFT, registered: false })).toMatchObject({ errorCode: '30034' });
    expect(simulateSend({ ...base, to: '+15550100003', body: SHAFT, registered: true })).toMatchObject({ errorCode: '30007' });
    expect(simulateSend({ ...base, to: '+15550100777', body: 'x', registered: true })).toEqual({ kind: 'deliver', reply: 'STOP' });
    expect(simulateSend({ ...base, to: '+15558675310', body: 'x', registered: true })).toEqual({ kind: 'deliver' });
  });
});
