import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage, acceptMessages, cancelMessage, getMessage, listMessages, putContact, putNumber, revokeConsent } from '../../src/services/index.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { BODY, SENDER, makeDeps, seedAccount, seedRecipient } from './helpers.js';

let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
let accountId: string;
let sid: string;
beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, new FakeProvider());
  const s = await seedAccount(deps, undefined, SENDER);
  accountId = s.account.accountId;
  sid = s.account.sid;
});
afterAll(async () => {
  await t.close();
});

describe(`acceptMessage (${testDbKind})`, () => {
  it('queues an allowed text with its full decision and first event', async () => {
    await seedRecipient(deps, accountId, '+12125550101');
    const { message, replayed } = await acceptMessage(deps, accountId, { to: '(212) 555-0101', body: BODY, purpose: 'informational' });
    expect(replayed).toBe(false);
    expect(message).toMatchObject({ to: '+12125550101', from: SENDER, status: 'queued', verdict: 'allow', accountSid: sid, segments: { encoding: 'GSM-7', count: 1 } });
    expect(message.id).toMatch(/^SM[0-9a-f]{32}$/);
    const [row] = await t.db.query<{ decision: Record<string, unknown>; run_at: Date }>(
      'select d.decision, m.run_at from messages m join message_decisions d on d.account_id = m.account_id and d.message_id = m.id where m.account_id = $1 and m.id = $2',
      [accountId, message.id],
    );
    expect(row!.decision).toMatchObject({ ruleSetVersion: expect.any(String) as string, consentEventId: expect.any(String) as string, inputs: { message: { to: '+12125550101' } } });
    expect(row!.run_at.toISOString()).toBe(deps.clock.now().toISOString());
    const full = await getMessage(deps, accountId, message.id);
    expect(full.events.map((e) => e.status)).toEqual(['queued']);
  });

  it('stores the content fingerprint: one template to two people shares its key', async () => {
    await seedRecipient(deps, accountId, '+12125550161');
    await seedRecipient(deps, accountId, '+12125550162');
    const text = (name: string, amount: string) => `Acme Dental: Hi ${name}, your balance of $${amount} is due Friday. Reply STOP to opt out.`;
    const one = await acceptMessage(deps, accountId, { to: '+12125550161', body: text('Dana', '40.00'), purpose: 'transactional' });
    const [two] = await acceptMessages(deps, accountId, [{ to: '+12125550162', body: text('Lee', '125.50'), purpose: 'transactional' }]);
    const ids = [one.message.id, two?.ok === true ? two.message.id : ''];
    const rows = await t.db.query<{ id: string; content_key: string; content_simhash: string; content_bands: number[] }>(
      'select id, content_key, content_simhash::text, content_bands from messages where account_id = $1 and id = any($2::text[]) order by id', [accountId, ids],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]!.content_key).toMatch(/^[0-9a-f]{16}$/);
    expect(rows[0]!.content_key).toBe(rows[1]!.content_key);
    expect(rows[0]!.content_bands).toHaveLength(8);
    const other = await acceptMessage(deps, accountId, { to: '+12125550161', body: 'Acme Dental: the office is closed Monday for the holiday. Reply STOP to opt out.', purpose: 'transactional' });
    const [row] = await t.db.query<{ content_key: string }>('select content_key from messages where account_id = $1 and id = $2', [accountId, other.message.id]);
    expect(row!.content_key).not.toBe(rows[0]!.content_key);
  });

  it('answers 400-style INVALID_PHONE / INVALID_INPUT naming the field for a bad number, purpose or date', async () => {
    await expect(acceptMessage(deps, accountId, { to: '12', body: BODY, purpose: 'informational' })).rejects.toMatchObject({ code: 'INVALID_PHONE', field: 'to' });
    await expect(acceptMessage(deps, accountId, { to: '+12125550101', from: 'x', body: BODY, purpose: 'informational' })).rejects.toMatchObject({ code: 'INVALID_PHONE', field: 'from' });
    await expect(acceptMessage(deps, accountId, { to: '+12125550101', body: BODY, purpose: 'spam' as 'marketing' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'purpose' });
    await expect(acceptMessage(deps, accountId, { to: '+12125550101', body: BODY, purpose: 'informational', sendAt: 'tomorrow' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'sendAt' });
    await expect(acceptMessage(deps, accountId, { to: '+12125550101', body: BODY, purpose: 'informational', sendAt: '+010000-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'sendAt' });
  });

  it('blocks without consent and stores the reasons', async () => {
    const { message } = await acceptMessage(deps, accountId, { to: '+12125550102', body: BODY, purpose: 'informational' });
    expect(message.status).toBe('blocked');
    expect(message.reasons.map((r) => r.code)).toContain('consent.missing');
    const [row] = await t.db.query<{ reason_codes: string[] }>('select reason_codes from messages where account_id = $1 and id = $2', [accountId, message.id]);
    expect(row!.reason_codes).toEqual(message.reasons.filter((r) => r.severity === 'block' || r.severity === 'defer').map((r) => r.code));
    expect(row!.reason_codes).toContain('consent.missing');
  });

  it('blocks with registration.unregistered_sender, naming when the propagating number may send, when the account has no usable number yet', async () => {
    const other = await seedAccount(deps);
    await putNumber(deps, other.account.accountId, other.sender, { registered: true, campaignId: 'C123' });
    await seedRecipient(deps, other.account.accountId, '+12125550103');
    const { message } = await acceptMessage(deps, other.account.accountId, { to: '+12125550103', body: BODY, purpose: 'informational' });
    // the number still propagating is named, with the instant it may send (its 10-day propagation)
    expect(message.from).toBe(other.sender);
    expect(message.reasons.find((r) => r.code === 'registration.unregistered_sender')?.until).toBe('2026-03-20T17:00:00.000Z');
  });

  it('defers a text in quiet hours to the next allowed instant (scheduled)', async () => {
    await seedRecipient(deps, accountId, '+12125550104');
    deps.clock.set('2026-03-11T03:00:00.000Z'); // 23:00 in New York
    try {
      const { message } = await acceptMessage(deps, accountId, { to: '+12125550104', body: BODY, purpose: 'informational' });
      expect(message.status).toBe('scheduled');
      expect(message.sendAt).toBe('2026-03-11T12:00:00.000Z'); // 08:00 EDT
      const [row] = await t.db.query<{ run_at: Date; reason_codes: string[] }>('select run_at, reason_codes from messages where account_id = $1 and id = $2', [accountId, message.id]);
      expect(row!.run_at.toISOString()).toBe('2026-03-11T12:00:00.000Z');
      expect(row!.reason_codes).toEqual(['quiet_hours']);
    } finally {
      deps.clock.set('2026-03-10T17:00:00.000Z');
    }
  });

  it('delays an allowed text to a later sendAt the caller gave', async () => {
    await seedRecipient(deps, accountId, '+12125550105');
    const { message } = await acceptMessage(deps, accountId, { to: '+12125550105', body: BODY, purpose: 'informational', sendAt: '2026-03-10T19:00:00Z' });
    expect(message).toMatchObject({ status: 'queued', sendAt: '2026-03-10T19:00:00.000Z' });
    const [row] = await t.db.query<{ run_at: Date }>('select run_at from messages where account_id = $1 and id = $2', [accountId, message.id]);
    expect(row!.run_at.toISOString()).toBe('2026-03-10T19:00:00.000Z');
  });

  it('blocks a landline and a DND contact with their own reasons', async () => {
    await seedRecipient(deps, accountId, '+12125550106');
    await putContact(deps, accountId, '+12125550106', { lineType: 'landline', dnd: true });
    const { message } = await acceptMessage(deps, accountId, { to: '+12125550106', body: BODY, purpose: 'informational' });
    expect(message.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['number.landline', 'dnd.sms']));
  });

  it('replays the same idempotency key and body, and refuses the key with another body', async () => {
    await seedRecipient(deps, accountId, '+12125550107');
    const input = { to: '+12125550107', body: BODY, purpose: 'informational' as const, idempotencyKey: 'order-1' };
    const first = await acceptMessage(deps, accountId, input);
    const second = await acceptMessage(deps, accountId, input);
    expect(second).toEqual({ message: first.message, replayed: true });
    await expect(acceptMessage(deps, accountId, { ...input, body: `${BODY} Again.` })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const rows = await t.db.query('select 1 from messages where account_id = $1 and idempotency_key = $2', [accountId, 'order-1']);
    expect(rows).toHaveLength(1);
  });

  it('lists newest first with status/to filters and a keyset cursor that visits each message once', async () => {
    await seedRecipient(deps, accountId, '+12125550108');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      deps.clock.advance(1);
      ids.push((await acceptMessage(deps, accountId, { to: '+12125550108', body: BODY, purpose: 'informational' })).message.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMessages(deps, accountId, { to: '+12125550108', limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.messages.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual([...ids].reverse());
    const blocked = await listMessages(deps, accountId, { status: 'blocked' });
    expect(blocked.messages.every((m) => m.status === 'blocked')).toBe(true);
    expect(blocked.messages.length).toBeGreaterThan(0);
    await expect(listMessages(deps, accountId, { cursor: 'garbage' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
    await expect(listMessages(deps, accountId, { status: 'lost' })).rejects.toMatchObject({ field: 'status' });
  });

  it('cancels a queued message once, then answers MESSAGE_NOT_CANCELABLE; NOT_FOUND for unknown ids', async () => {
    await seedRecipient(deps, accountId, '+12125550109');
    const { message } = await acceptMessage(deps, accountId, { to: '+12125550109', body: BODY, purpose: 'informational' });
    expect((await cancelMessage(deps, accountId, message.id)).status).toBe('canceled');
    await expect(cancelMessage(deps, accountId, message.id)).rejects.toMatchObject({ code: 'MESSAGE_NOT_CANCELABLE' });
    await expect(cancelMessage(deps, accountId, 'SM' + '0'.repeat(32))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getMessage(deps, accountId, message.id)).events.map((e) => e.status)).toEqual(['queued', 'canceled']);
  });

  it('revokeConsent takes effect at once: pending texts are canceled and the next is blocked', async () => {
    await seedRecipient(deps, accountId, '+12125550110');
    const queued = await acceptMessage(deps, accountId, { to: '+12125550110', body: BODY, purpose: 'informational' });
    const later = await acceptMessage(deps, accountId, { to: '+12125550110', body: BODY, purpose: 'informational', sendAt: '2026-03-12T15:00:00Z' });
    const r = await revokeConsent(deps, accountId, '+12125550110', { evidence: { call: 'rec-42' } });
    expect(r.canceled).toBe(2);
    expect(r.deadline).toBe('2026-03-24');
    expect(r.event.evidence).toMatchObject({ call: 'rec-42', fccDeadline: '2026-03-24' });
    expect((await getMessage(deps, accountId, queued.message.id)).status).toBe('canceled');
    expect((await getMessage(deps, accountId, later.message.id)).status).toBe('canceled');
    const next = await acceptMessage(deps, accountId, { to: '+12125550110', body: BODY, purpose: 'informational' });
    expect(next.message.reasons.map((x) => x.code)).toContain('consent.revoked');
  });

  it('sends from the number that last texted the recipient', async () => {
    await putNumber(deps, accountId, '+12125550199', { registered: true });
    await seedRecipient(deps, accountId, '+12125550111');
    const pinned = await acceptMessage(deps, accountId, { to: '+12125550111', from: '+12125550199', body: BODY, purpose: 'informational' });
    expect(pinned.message.from).toBe('+12125550199');
    await t.db.query("update messages set status = 'sent' where account_id = $1 and id = $2", [accountId, pinned.message.id]);
    deps.clock.advance(1);
    const next = await acceptMessage(deps, accountId, { to: '+12125550111', body: BODY, purpose: 'informational' });
    expect(next.message.from).toBe('+12125550199');
  });
});
