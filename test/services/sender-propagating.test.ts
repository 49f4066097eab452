import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage, acceptMessages, createAccount, putNumber, type AccountView } from '../../src/services/index.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { BODY, makeDeps, seedRecipient } from './helpers.js';

let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
let account: AccountView;
const PROPAGATING = '+12125550177';
const USABLE_FROM = '2026-03-20T16:00:00.000Z';

beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, new FakeProvider());
  account = (await createAccount(deps, { name: 'propagating', brandName: 'Acme Realty' })).account;
  // the account's only number, just attached to a campaign: carriers have not seen it yet
  await putNumber(deps, account.accountId, PROPAGATING, { registered: true, usableFrom: USABLE_FROM });
});
afterAll(async () => {
  await t.close();
});

describe(`no from, and the only number is still propagating (${testDbKind})`, () => {
  it('says the number is propagating and from when it may send, not that it is unregistered', async () => {
    const to = '+12125550701';
    await seedRecipient(deps, account.accountId, to, ['informational']);
    const single = (await acceptMessage(deps, account.accountId, { to, body: BODY, purpose: 'informational' })).message;
    const [batch] = await acceptMessages(deps, account.accountId, [{ to, body: BODY, purpose: 'informational' }]);
    for (const m of [single, batch?.ok === true ? batch.message : undefined]) {
      expect(m).toMatchObject({ from: PROPAGATING, status: 'blocked' });
      const reason = m?.reasons.find((r) => r.code === 'registration.unregistered_sender');
      expect(reason).toMatchObject({ until: USABLE_FROM });
      expect(reason?.message).toContain(`has not propagated to the carriers yet; it may send from ${USABLE_FROM}`);
    }
  });
});
