import { describe, expect, it } from 'vitest';
import { acceptMessage, dispatchOnce, getContact, getMessage, handleInbound, listMessages, updateAccount } from '../../src/services/index.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, SENDER, seedRecipient } from './helpers.js';
import { useSeededAccount } from './seeded-account.js';

let n = 300;
let pid = 0;

const s = useSeededAccount(SENDER);

const inbound = (from: string, body: string, extra: { optOutType?: 'STOP' | 'START' | 'HELP'; providerMessageId?: string } = {}) => ({
  providerMessageId: extra.providerMessageId ?? `SMin${++pid}`, from, to: SENDER, body, ...(extra.optOutType === undefined ? {} : { optOutType: extra.optOutType }),
});

async function recipient(purposes: ('marketing' | 'informational')[] = ['informational']): Promise<string> {
  const to = `+1212555${String(++n).padStart(4, '0')}`;
  await seedRecipient(s.deps, s.account.accountId, to, purposes);
  return to;
}

async function drain(): Promise<void> {
  while ((await dispatchOnce(s.deps, { workerId: 'w' })) > 0);
}

describe(`inbound (${testDbKind})`, () => {
  it('STOP revokes consent account-wide, cancels queued and scheduled texts, and sends exactly one confirmation', async () => {
    const to = await recipient();
    const now = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'informational' });
    const later = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'informational', sendAt: '2026-03-12T15:00:00Z' });
    const r = await handleInbound(s.deps, s.account, inbound(to, 'Stop'));
    expect(r).toEqual({ kind: 'opt_out', replied: true, duplicate: false });
    expect((await getMessage(s.deps, s.account.accountId, now.message.id)).status).toBe('canceled');
    expect((await getMessage(s.deps, s.account.accountId, later.message.id)).status).toBe('canceled');
    const contact = await getContact(s.deps, s.account.accountId, to);
    expect(contact.consentEvents[0]).toMatchObject({ kind: 'revoked', method: 'keyword', evidence: { body: 'Stop', keyword: 'STOP', fccDeadline: '2026-03-24' } });
    await drain();
    const confirmations = s.provider.sends.filter((send) => send.to === to);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatchObject({ from: SENDER, body: 'Acme Realty: You are unsubscribed and will receive no more messages. Reply START to resubscribe.' });
    // a second STOP is recorded but not confirmed again
    expect(await handleInbound(s.deps, s.account, inbound(to, 'STOP'))).toEqual({ kind: 'opt_out', replied: false, duplicate: false });
    const next = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'informational' });
    expect(next.message.reasons.map((x) => x.code)).toContain('consent.revoked');
  });

  it('a plain-language opt-out counts, and the provider OptOutType wins over the body', async () => {
    const a = await recipient();
    expect((await handleInbound(s.deps, s.account, inbound(a, 'please stop texting me'))).kind).toBe('opt_out_phrase');
    const b = await recipient();
    expect((await handleInbound(s.deps, s.account, inbound(b, 'ok', { optOutType: 'STOP' }))).kind).toBe('opt_out');
    for (const p of [a, b]) {
      const next = await acceptMessage(s.deps, s.account.accountId, { to: p, body: BODY, purpose: 'informational' });
      expect(next.message.status).toBe('blocked');
    }
  });

  it('a replayed webhook (same provider message id) is processed once', async () => {
    const to = await recipient();
    const msg = inbound(to, 'STOP', { providerMessageId: 'SMreplay1' });
    expect((await handleInbound(s.deps, s.account, msg)).duplicate).toBe(false);
    expect(await handleInbound(s.deps, s.account, msg)).toEqual({ kind: 'opt_out', replied: false, duplicate: true });
    const events = (await getContact(s.deps, s.account.accountId, to)).consentEvents.filter((e) => e.kind === 'revoked');
    expect(events).toHaveLength(1);
    const queued = await listMessages(s.deps, s.account.accountId, { to });
    expect(queued.messages.filter((m) => m.body.includes('unsubscribed'))).toHaveLength(1);
  });

  it('START after STOP grants consent again with the inbound text as evidence, and confirms', async () => {
    const to = await recipient();
    await handleInbound(s.deps, s.account, inbound(to, 'STOP'));
    const r = await handleInbound(s.deps, s.account, inbound(to, 'START'));
    expect(r).toEqual({ kind: 'opt_in', replied: true, duplicate: false });
    const contact = await getContact(s.deps, s.account.accountId, to);
    expect(contact.consentEvents[0]).toMatchObject({ kind: 'granted', method: 'keyword', purposes: ['informational'], evidence: { body: 'START' } });
    s.deps.clock.advance(1_000);
    const next = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'informational' });
    expect(next.message.status).toBe('queued');
  });

  it('HELP answers with the account HELP text, or one built from the brand', async () => {
    const to = await recipient();
    await handleInbound(s.deps, s.account, inbound(to, 'help'));
    const withHelp = await updateAccount(s.deps, s.account.accountId, { helpText: 'Acme Realty: help at 212-555-0100. Reply STOP to unsubscribe.' });
    await handleInbound(s.deps, withHelp, { ...inbound(to, 'HELP'), accountSid: s.account.sid });
    await updateAccount(s.deps, s.account.accountId, { helpText: null });
    await drain();
    // Both replies are queued in the same instant: the claim order between them is not defined.
    expect(s.provider.sends.filter((send) => send.to === to).map((send) => send.body).sort()).toEqual([
      'Acme Realty: Reply STOP to unsubscribe. Msg&data rates may apply.',
      'Acme Realty: help at 212-555-0100. Reply STOP to unsubscribe.',
    ].sort());
  });

  it('an ordinary reply changes nothing', async () => {
    const to = await recipient();
    expect(await handleInbound(s.deps, s.account, inbound(to, 'See you at 3!'))).toEqual({ kind: 'none', replied: false, duplicate: false });
    const rows = await s.t.db.query('select kind from inbound_messages where account_id = $1 and from_phone = $2', [s.account.accountId, to]);
    expect(rows).toEqual([{ kind: 'none' }]);
  });
});
