import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECIPIENT, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const CONTACT = `/v1/contacts/${encodeURIComponent(RECIPIENT)}`;
type Ledger = { consentEvents: { id: string; occurredAt: string; method: string; evidence: { sourceRef?: string } }[]; consentEventsNextCursor?: string; consent: unknown[] };

/** Records a grant tagged `tag` (its evidence.sourceRef), so a test can tell the events apart. */
async function grant(key: string, phone: string, tag: string, grantedAt: string): Promise<{ id: string }> {
  const res = await h.app.inject({
    method: 'POST', url: `/v1/contacts/${encodeURIComponent(phone)}/consent`, headers: bearer(key),
    payload: { channel: 'sms', purposes: ['marketing'], method: 'api', written: true, grantedAt, evidence: { sourceRef: tag } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
}

describe('GET /v1/contacts/:phone pages its consent ledger', () => {
  beforeAll(async () => {
    // the harness seeded one grant (2026-01-05); six more, one a day
    for (let i = 1; i <= 6; i++) await grant(h.a.key, RECIPIENT, `form_${String(i)}`, `2026-02-0${String(i)}T10:00:00Z`);
  });

  it('newest first, limit per page, a cursor to the next page, none after the last', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await h.app.inject({ method: 'GET', url: `${CONTACT}?limit=3${cursor === undefined ? '' : `&cursor=${cursor}`}`, headers: bearer(h.a.key) });
      expect(res.statusCode).toBe(200);
      const body = res.json<Ledger>();
      expect(body.consentEvents.length).toBeLessThanOrEqual(3);
      seen.push(...body.consentEvents.map((e) => e.evidence.sourceRef ?? e.method));
      cursor = body.consentEventsNextCursor;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(seen).toEqual(['form_6', 'form_5', 'form_4', 'form_3', 'form_2', 'form_1', 'web_form']);
    expect(pages).toBe(3);
  });

  it('the default page holds every event here, and current consent comes from the whole ledger', async () => {
    const body = (await h.app.inject({ method: 'GET', url: `${CONTACT}?limit=1`, headers: bearer(h.a.key) })).json<Ledger>();
    expect(body.consentEvents).toHaveLength(1);
    expect(body.consent).toHaveLength(7);
  });

  it.each([['limit=0'], ['limit=201'], ['limit=abc'], ['cursor=bm90LWEtY3Vyc29y'], [`cursor=${Buffer.from('-271821-04-20T00:00:00.000Z|1').toString('base64url')}`], ['cursor=%00']])(
    '%s is a 400', async (query) => {
      const res = await h.app.inject({ method: 'GET', url: `${CONTACT}?${query}`, headers: bearer(h.a.key) });
      expect(res.statusCode).toBe(400);
    },
  );
});

describe('consent event ids', () => {
  it("count the account's own events only: another account's volume does not show", async () => {
    const before = await grant(h.b.key, '+13055550100', 'web_form', '2026-02-01T10:00:00Z');
    for (let i = 0; i < 5; i++) await grant(h.a.key, '+13055550101', 'web_form', '2026-02-01T10:00:00Z');
    const after = await grant(h.b.key, '+13055550100', 'web_form', '2026-02-02T10:00:00Z');
    expect(Number(after.id) - Number(before.id)).toBe(1);
  });

  it('keep ledger order for events of the same instant', async () => {
    const phone = '+13055550102';
    const first = await grant(h.a.key, phone, 'first', '2026-02-03T10:00:00Z');
    const second = await grant(h.a.key, phone, 'second', '2026-02-03T10:00:00Z');
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    const body = (await h.app.inject({ method: 'GET', url: `/v1/contacts/${encodeURIComponent(phone)}`, headers: bearer(h.a.key) })).json<Ledger>();
    expect(body.consentEvents.map((e) => e.evidence.sourceRef)).toEqual(['second', 'first']);
  });
});
