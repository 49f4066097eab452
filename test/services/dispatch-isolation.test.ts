import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { DECISION_ERROR_CODES } from '../../src/services/sending/claim.js';
import {
  acceptMessage,
  acceptMessages,
  dispatchOnce,
  getMessage,
  putContact,
  type AccountView,
} from '../../src/services/index.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, seedAccount, seedRecipient } from './helpers.js';
import { useSeededAccount } from './seeded-account.js';

let b: AccountView;
let phoneN = 400;

const s = useSeededAccount();
beforeAll(async () => {
  b = (await seedAccount(s.deps)).account;
});

async function queued(account: AccountView): Promise<{ id: string; to: string }> {
  const to = `+1212555${String(++phoneN).padStart(4, '0')}`;
  await seedRecipient(s.deps, account.accountId, to, ['marketing']);
  const { message } = await acceptMessage(s.deps, account.accountId, { to, body: BODY, purpose: 'marketing' });
  expect(message.status).toBe('queued');
  return { id: message.id, to };
}

/** What older code let through: a zone Intl does not know, written straight into the table. */
async function storeBadZone(accountId: string, phone: string): Promise<void> {
  await s.t.db.query(`update contacts set timezone = 'Mars/Olympus' where account_id = $1 and phone = $2`, [accountId, phone]);
}

describe(`per-message failure isolation (${testDbKind})`, () => {
  it('a contact stored with an unknown time zone fails its own message; the batch and the other account send', async () => {
    const good1 = await queued(b);
    const bad = await queued(s.account);
    const good2 = await queued(b);
    const goodSameAccount = await queued(s.account);
    await storeBadZone(s.account.accountId, bad.to);

    expect(await dispatchOnce(s.deps, { workerId: 'w1', leaseMs: 30_000 })).toBeGreaterThan(0);

    for (const m of [good1, good2]) expect((await getMessage(s.deps, b.accountId, m.id)).status).toBe('sent');
    expect((await getMessage(s.deps, s.account.accountId, goodSameAccount.id)).status).toBe('sent');
    const failed = await getMessage(s.deps, s.account.accountId, bad.id);
    expect(failed.status).toBe('failed');
    expect(failed.errorCode).toBe(DECISION_ERROR_CODES.invalidContact);
    expect(failed.events.at(-1)).toMatchObject({
      status: 'failed', reason: 're-evaluated at dispatch: could not decide', detail: { code: 'invalid_contact_data' },
    });
    expect(String((failed.events.at(-1)?.detail as { message?: unknown }).message)).toContain('Mars/Olympus');
    expect(s.provider.sendsOf(bad.id)).toBe(0);
    // nothing left behind to retry forever
    expect(await dispatchOnce(s.deps, { workerId: 'w1', leaseMs: 30_000 })).toBe(0);
  });

  it('a decision that throws (settings stored corrupt) fails that account\'s messages only, as internal_decision_error', async () => {
    const c = (await seedAccount(s.deps)).account;
    const good = await queued(b);
    const broken = await queued(c);
    await s.t.db.query(`update accounts set settings = $2 where account_id = $1`, [c.accountId, JSON.stringify({ quietHours: { window: { start: 'zz', end: 'yy' } } })]);

    await dispatchOnce(s.deps, { workerId: 'w1', leaseMs: 30_000 });

    expect((await getMessage(s.deps, b.accountId, good.id)).status).toBe('sent');
    const failed = await getMessage(s.deps, c.accountId, broken.id);
    expect(failed).toMatchObject({ status: 'failed', errorCode: DECISION_ERROR_CODES.internal });
    expect(failed.events.at(-1)).toMatchObject({ status: 'failed', detail: { code: 'internal_decision_error' } });
  });

  it('accepting a text to such a contact is a CONTACT_RECORD_INVALID naming the contact, not a crash; a batch fails that input alone', async () => {
    const to = `+1212555${String(++phoneN).padStart(4, '0')}`;
    const fine = `+1212555${String(++phoneN).padStart(4, '0')}`;
    await seedRecipient(s.deps, s.account.accountId, to, ['marketing']);
    await seedRecipient(s.deps, s.account.accountId, fine, ['marketing']);
    await storeBadZone(s.account.accountId, to);
    const err = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'marketing' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'CONTACT_RECORD_INVALID', field: 'to' });
    expect((err as Error).message).toContain('Mars/Olympus');

    const out = await acceptMessages(s.deps, s.account.accountId, [
      { to, body: BODY, purpose: 'marketing' },
      { to: fine, body: BODY, purpose: 'marketing' },
    ]);
    expect(out[0]).toMatchObject({ ok: false, error: { code: 'CONTACT_RECORD_INVALID' } });
    expect(out[1]).toMatchObject({ ok: true, message: { status: 'queued' } });
  });

  it('refuses contact fields it cannot use, naming the field', async () => {
    const phone = '+12125559001';
    const cases: [Record<string, string>, string][] = [
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ timezone: '+05:00' }, 'timezone'],
      [{ state: 'ZZ' }, 'state'],
      [{ lineType: 'pager' }, 'lineType'],
    ];
    for (const [input, field] of cases) {
      await expect(putContact(s.deps, s.account.accountId, phone, input)).rejects.toMatchObject({ code: 'INVALID_INPUT', field });
    }
    const ok = await putContact(s.deps, s.account.accountId, phone, { timezone: 'america/chicago', state: 'tx' });
    expect(ok).toMatchObject({ timezone: 'America/Chicago', state: 'TX' });
  });
});
