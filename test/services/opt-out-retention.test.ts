import { beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage, handleInbound, putContact, recordConsent } from '../../src/services/index.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, SENDER } from './helpers.js';
import { useSeededAccount } from './seeded-account.js';


const s = useSeededAccount();

// Virginia (Va. Code § 59.1-510 et seq., as amended effective 2026-01-01) asks that a STOP to a text be
// honoured for at least ten years; nothing in Clearsend ages an opt-out out, so it never lapses.
describe(`an old STOP still blocks (${testDbKind})`, () => {
  const to = '+17035550142';

  beforeAll(async () => {
    s.deps.clock.set('2016-06-01T16:00:00Z');
    await putContact(s.deps, s.account.accountId, to, { timezone: 'America/New_York', state: 'VA', lineType: 'mobile' });
    await recordConsent(s.deps, s.account.accountId, to, {
      channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true,
      evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true },
    });
    s.deps.clock.set('2017-03-10T17:00:00Z');
    const stop = await handleInbound(s.deps, s.account, { providerMessageId: 'SMva-stop', from: to, to: SENDER, body: 'STOP' });
    expect(stop.kind).toBe('opt_out');
  });

  it.each([
    ['9 years later', '2026-03-10T17:00:00Z'],
    ['10 years and a day later', '2027-03-11T17:00:00Z'],
    ['20 years later', '2037-03-10T17:00:00Z'],
  ])('%s', async (_name, at) => {
    s.deps.clock.set(at);
    for (const purpose of ['marketing', 'informational'] as const) {
      const { message } = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose });
      expect(message.verdict).toBe('block');
      expect(message.reasons.map((r) => r.code)).toContain('consent.revoked');
    }
  });
});
