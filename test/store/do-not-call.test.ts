import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  acceptMessage,
  addDoNotCall,
  dispatchOnce,
  getMessage,
  listDoNotCall,
  removeDoNotCall,
  updateAccount,
  type AccountView,
} from '../../src/services/index.js';
import { selectDoNotCallByPhones } from '../../src/store/do-not-call.js';
import { testDbKind } from '../helpers/db.js';
import { seedAccount, seedRecipient } from '../services/helpers.js';
import { useSeededAccount } from '../services/seeded-account.js';

let b: AccountView;
const MARKETING = 'Acme Realty: 3 new listings match your search. Reply STOP to unsubscribe';

const s = useSeededAccount();
beforeAll(async () => {
  b = (await seedAccount(s.deps)).account;
});

describe(`the account do-not-call list (${testDbKind})`, () => {
  it('adds numbers normalised to E.164, replaces a listed one, and keeps each account\'s list to itself', async () => {
    const added = await addDoNotCall(s.deps, s.account.accountId, [
      { phone: '(212) 555-0301', source: 'national' },
      { phone: '+12125550302', source: 'internal', note: 'asked by phone 2026-03-01' },
      { phone: '+1 212 555 0301', source: 'internal' }, // the same number again: the last entry wins
    ]);
    expect(added.map((e) => [e.phone, e.source])).toEqual([['+12125550302', 'internal'], ['+12125550301', 'internal']]);
    expect(added[0]).toMatchObject({ note: 'asked by phone 2026-03-01', addedAt: s.deps.clock.now().toISOString() });

    await addDoNotCall(s.deps, b.accountId, [{ phone: '+12125550301', source: 'national' }]);
    expect((await listDoNotCall(s.deps, s.account.accountId)).entries.map((e) => `${e.phone}:${e.source}`)).toEqual(['+12125550301:internal', '+12125550302:internal']);
    expect((await listDoNotCall(s.deps, b.accountId)).entries.map((e) => `${e.phone}:${e.source}`)).toEqual(['+12125550301:national']);
    expect([...(await selectDoNotCallByPhones(s.t.db, b.accountId, ['+12125550302'])).keys()]).toEqual([]);

    // removing from B leaves A's entry for the same number
    await removeDoNotCall(s.deps, b.accountId, '+12125550301');
    expect((await listDoNotCall(s.deps, b.accountId)).entries).toEqual([]);
    expect((await selectDoNotCallByPhones(s.t.db, s.account.accountId, ['+12125550301'])).get('+12125550301')?.source).toBe('internal');
  });

  it('pages by phone with a cursor', async () => {
    const { account } = await seedAccount(s.deps);
    await addDoNotCall(s.deps, account.accountId, ['+12125550313', '+12125550311', '+12125550312'].map((phone) => ({ phone, source: 'national' as const })));
    const first = await listDoNotCall(s.deps, account.accountId, { limit: 2 });
    expect(first.entries.map((e) => e.phone)).toEqual(['+12125550311', '+12125550312']);
    expect(first.nextCursor).toBe('+12125550312');
    const second = await listDoNotCall(s.deps, account.accountId, { limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ entries: [expect.objectContaining({ phone: '+12125550313' })] });
  });

  it('refuses a bad number (the whole request) and removing an unlisted number, as user errors', async () => {
    await expect(addDoNotCall(s.deps, s.account.accountId, [{ phone: '+12125550320', source: 'national' }, { phone: 'not a phone', source: 'national' }]))
      .rejects.toMatchObject({ code: 'INVALID_PHONE', message: expect.stringContaining('entries[1].phone') as string });
    expect((await selectDoNotCallByPhones(s.t.db, s.account.accountId, ['+12125550320'])).size).toBe(0);
    await expect(removeDoNotCall(s.deps, s.account.accountId, '+12125550399')).rejects.toBeInstanceOf(UserError);
    await expect(removeDoNotCall(s.deps, s.account.accountId, '+12125550399')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('blocks marketing to a listed number at acceptance (dnc.listed), not informational texts', async () => {
    const to = '+12125550330';
    await seedRecipient(s.deps, s.account.accountId, to, ['marketing']);
    await addDoNotCall(s.deps, s.account.accountId, [{ phone: to, source: 'national' }]);
    const marketing = await acceptMessage(s.deps, s.account.accountId, { to, body: MARKETING, purpose: 'marketing' });
    expect(marketing.message.status).toBe('blocked');
    expect(marketing.message.reasons.map((r) => r.code)).toContain('dnc.listed');
    const info = await acceptMessage(s.deps, s.account.accountId, { to, body: 'Acme Realty: your showing is confirmed for 3pm. Reply STOP to opt out.', purpose: 'informational' });
    expect(info.message.status).toBe('queued');
  });

  it('the account setting lets written consent lift a national entry, and removal lifts any entry', async () => {
    const to = '+12125550331';
    await seedRecipient(s.deps, s.account.accountId, to, ['marketing']);
    await addDoNotCall(s.deps, s.account.accountId, [{ phone: to, source: 'national' }]);
    await updateAccount(s.deps, s.account.accountId, { settings: { doNotCall: { writtenConsentOverridesNational: true } } });
    const lifted = await acceptMessage(s.deps, s.account.accountId, { to, body: MARKETING, purpose: 'marketing' });
    expect(lifted.message.status).toBe('queued');
    expect(lifted.message.reasons.map((r) => `${r.code}:${r.severity}`)).toContain('dnc.written_consent:info');
    await updateAccount(s.deps, s.account.accountId, { settings: { doNotCall: null } });

    await addDoNotCall(s.deps, s.account.accountId, [{ phone: to, source: 'internal' }]);
    expect((await acceptMessage(s.deps, s.account.accountId, { to, body: `${MARKETING}.`, purpose: 'marketing' })).message.status).toBe('blocked');
    await removeDoNotCall(s.deps, s.account.accountId, to);
    expect((await acceptMessage(s.deps, s.account.accountId, { to, body: `${MARKETING}!`, purpose: 'marketing' })).message.status).toBe('queued');
  });

  it('re-evaluates at dispatch: a number listed after acceptance is blocked, never sent', async () => {
    const to = '+12125550332';
    await seedRecipient(s.deps, s.account.accountId, to, ['marketing']);
    const { message } = await acceptMessage(s.deps, s.account.accountId, { to, body: `Acme Realty: open house Sunday. Reply STOP to unsubscribe`, purpose: 'marketing' });
    expect(message.status).toBe('queued');
    await addDoNotCall(s.deps, s.account.accountId, [{ phone: to, source: 'internal' }]);
    while ((await dispatchOnce(s.deps, { workerId: 'w1', leaseMs: 30_000 })) > 0);
    const full = await getMessage(s.deps, s.account.accountId, message.id);
    expect(full.status).toBe('blocked');
    expect(full.events.at(-1)).toMatchObject({ status: 'blocked', detail: { reasons: ['dnc.listed'] } });
    expect(s.provider.sendsOf(message.id)).toBe(0);
  });
});
