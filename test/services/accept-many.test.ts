import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage, acceptMessages, getMessage } from '../../src/services/index.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { BODY, SENDER, makeDeps, seedAccount, seedRecipient } from './helpers.js';

let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
let accountId: string;
beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, new FakeProvider());
  const s = await seedAccount(deps, undefined, SENDER);
  accountId = s.account.accountId;
  for (const p of ['+12125550201', '+12125550202']) await seedRecipient(deps, accountId, p);
});
afterAll(async () => {
  await t.close();
});

describe(`acceptMessages (${testDbKind})`, () => {
  it('gives each input the outcome acceptMessage gives, in order, each message with its first event', async () => {
    const outcomes = await acceptMessages(deps, accountId, [
      { to: '+12125550201', body: BODY, purpose: 'informational' },
      { to: '12', body: BODY, purpose: 'informational' },
      { to: '+12125550209', body: BODY, purpose: 'informational' },
      { to: '+12125550202', body: BODY, purpose: 'informational' },
    ]);
    expect(outcomes.map((o) => (o.ok ? o.message.status : o.error.code))).toEqual(['queued', 'INVALID_PHONE', 'blocked', 'queued']);
    const single = await acceptMessage(deps, accountId, { to: '+12125550209', body: BODY, purpose: 'informational' });
    const blocked = outcomes[2];
    expect(blocked?.ok === true ? blocked.message.reasons : []).toEqual(single.message.reasons);
    for (const o of outcomes) {
      if (!o.ok) continue;
      expect(o.message.from).toBe(SENDER);
      const full = await getMessage(deps, accountId, o.message.id);
      expect(full.events.map((e) => e.status)).toEqual([o.message.status]);
    }
  });

  it('keeps idempotency within the batch and against earlier calls; a different request is an IDEMPOTENCY_CONFLICT alone', async () => {
    const first = await acceptMessage(deps, accountId, { to: '+12125550201', body: BODY, purpose: 'informational', idempotencyKey: 'b-1' });
    const outcomes = await acceptMessages(deps, accountId, [
      { to: '+12125550201', body: BODY, purpose: 'informational', idempotencyKey: 'b-1' },
      { to: '+12125550202', body: BODY, purpose: 'informational', idempotencyKey: 'b-2' },
      { to: '+12125550202', body: BODY, purpose: 'informational', idempotencyKey: 'b-2' },
      { to: '+12125550202', body: 'other', purpose: 'informational', idempotencyKey: 'b-2' },
    ]);
    expect(outcomes.map((o) => (o.ok ? o.replayed : o.error.code))).toEqual([true, false, true, 'IDEMPOTENCY_CONFLICT']);
    expect(outcomes[0]?.ok === true ? outcomes[0].message.id : '').toBe(first.message.id);
    expect(outcomes[2]?.ok === true ? outcomes[2].message.id : 'a').toBe(outcomes[1]?.ok === true ? outcomes[1].message.id : 'b');
    const [n] = await t.db.query<{ n: number }>("select count(*)::int as n from messages where account_id = $1 and idempotency_key = 'b-2'", [accountId]);
    expect(n?.n).toBe(1);
  });
});
