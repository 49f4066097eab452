import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../helpers/db.js';
import { basic, bearer, BODY, createHarness, RECIPIENT, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' });

describe(`input validation at the edge (${testDbKind})`, () => {
  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ timezone: '+05:00' }, 'timezone'],
    [{ state: 'ZZ' }, 'state'],
    [{ lineType: 'pager' }, 'lineType'],
  ])('PUT /v1/contacts/:phone %j → 400 naming %s', async (payload, field) => {
    const res = await h.app.inject({ method: 'PUT', url: `/v1/contacts/${RECIPIENT}`, headers: json(bearer(h.a.key)), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field });
  });

  it('a contact stored with an unknown zone (older data) makes a send a 409 naming the contact, never a 500', async () => {
    await h.testDb.db.query(`update contacts set timezone = 'Mars/Olympus' where account_id = $1 and phone = $2`, [h.a.account.accountId, RECIPIENT]);
    try {
      const res = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: json(bearer(h.a.key)), payload: { to: RECIPIENT, body: BODY, purpose: 'informational' } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'CONFLICT', field: 'to' });
      expect(res.json<{ message: string }>().message).toContain('Mars/Olympus');

      const twilio = await h.app.inject({
        method: 'POST', url: `/2010-04-01/Accounts/${h.a.account.sid}/Messages.json`,
        headers: { ...basic(h.a.account.sid, h.a.key), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ To: RECIPIENT, Body: BODY }).toString(),
      });
      expect(twilio.statusCode).toBe(409);
    } finally {
      await h.testDb.db.query(`update contacts set timezone = 'America/New_York' where account_id = $1 and phone = $2`, [h.a.account.accountId, RECIPIENT]);
    }
  });
});
