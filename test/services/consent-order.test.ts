import { describe, expect, it } from 'vitest';
import { acceptMessage, recordConsent, revokeConsent } from '../../src/services/index.js';
import { insertConsentEvent } from '../../src/store/consents.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, seedRecipient } from './helpers.js';
import { useSeededAccount } from './seeded-account.js';


const s = useSeededAccount();

const grant = { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, evidence: { url: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true } } as const;

async function marketingVerdict(to: string): Promise<string> {
  return (await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'marketing' })).message.verdict;
}

describe(`a revocation beats every grant recorded before it (${testDbKind})`, () => {
  it('a grant dated a minute ahead does not undo a later STOP once that minute has passed', async () => {
    const to = '+12125550601';
    await seedRecipient(s.deps, s.account.accountId, to, ['marketing']);
    await recordConsent(s.deps, s.account.accountId, to, grant);
    await recordConsent(s.deps, s.account.accountId, to, { ...grant, grantedAt: new Date(s.deps.clock.now().getTime() + 60_000).toISOString() });
    expect(await marketingVerdict(to)).toBe('allow');
    s.deps.clock.advance(1_000);
    await revokeConsent(s.deps, s.account.accountId, to, { evidence: { note: 'asked on a call' } });
    expect(await marketingVerdict(to)).toBe('block');
    s.deps.clock.advance(120_000);
    expect(await marketingVerdict(to)).toBe('block');
  });

  it('also for a far-future grant already stored (older data): the STOP still wins', async () => {
    const to = '+12125550602';
    await seedRecipient(s.deps, s.account.accountId, to, ['marketing']);
    await insertConsentEvent(s.t.db, s.account.accountId, to, {
      ...grant, kind: 'granted', occurredAt: new Date(s.deps.clock.now().getTime() + 86_400_000), recordedAt: s.deps.clock.now(),
    });
    await revokeConsent(s.deps, s.account.accountId, to, { evidence: { note: 'asked on a call' } });
    s.deps.clock.advance(2 * 86_400_000);
    expect(await marketingVerdict(to)).toBe('block');
    s.deps.clock.advance(-2 * 86_400_000);
  });
});
