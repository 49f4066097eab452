import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage, recordConsent, revokeConsent, type AccountView } from '../../src/services/index.js';
import { insertConsentEvent } from '../../src/store/consents.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { BODY, makeDeps, seedAccount, seedRecipient } from './helpers.js';

let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
let account: AccountView;

beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, new FakeProvider());
  account = (await seedAccount(deps)).account;
});
afterAll(async () => {
  await t.close();
});

const grant = { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, evidence: { url: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true } } as const;

async function marketingVerdict(to: string): Promise<string> {
  return (await acceptMessage(deps, account.accountId, { to, body: BODY, purpose: 'marketing' })).message.verdict;
}

describe(`a revocation beats every grant recorded before it (${testDbKind})`, () => {
  it('a grant dated a minute ahead does not undo a later STOP once that minute has passed', async () => {
    const to = '+12125550601';
    await seedRecipient(deps, account.accountId, to, ['marketing']);
    await recordConsent(deps, account.accountId, to, grant);
    await recordConsent(deps, account.accountId, to, { ...grant, grantedAt: new Date(deps.clock.now().getTime() + 60_000).toISOString() });
    expect(await marketingVerdict(to)).toBe('allow');
    deps.clock.advance(1_000);
    await revokeConsent(deps, account.accountId, to, { evidence: { note: 'asked on a call' } });
    expect(await marketingVerdict(to)).toBe('block');
    deps.clock.advance(120_000);
    expect(await marketingVerdict(to)).toBe('block');
  });

  it('also for a far-future grant already stored (older data): the STOP still wins', async () => {
    const to = '+12125550602';
    await seedRecipient(deps, account.accountId, to, ['marketing']);
    await insertConsentEvent(t.db, account.accountId, to, {
      ...grant, kind: 'granted', occurredAt: new Date(deps.clock.now().getTime() + 86_400_000), recordedAt: deps.clock.now(),
    });
    await revokeConsent(deps, account.accountId, to, { evidence: { note: 'asked on a call' } });
    deps.clock.advance(2 * 86_400_000);
    expect(await marketingVerdict(to)).toBe('block');
    deps.clock.advance(-2 * 86_400_000);
  });
});
