import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

interface LintAnswer { verdict: string; body: string; reasons: { code: string; severity: string }[]; segments: { count: number; encoding: string } }

const post = (payload: unknown, key = h.a.key) => h.app.inject({ method: 'POST', url: '/v1/lint', headers: bearer(key), payload: payload as Record<string, unknown> });

describe('POST /v1/lint: a template with no recipient', () => {
  it('gives the content, identification, opt-out and segment checks', async () => {
    const res = await post({ body: 'OPEN HOUSE!!! bit.ly/3kz', firstMessage: true });
    expect(res.statusCode).toBe(200);
    const body = res.json<LintAnswer>();
    expect(body.verdict).toBe('block');
    expect(body.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['sender.identification_missing', 'optout.language_missing', 'content.url_shortener']));
    // no recipient: nothing about consent, quiet hours or the number
    expect(body.reasons.filter((r) => /^(?:consent|quiet_hours|number|dnd|rate)/.test(r.code))).toEqual([]);
    expect(body.segments).toMatchObject({ count: 1, encoding: 'GSM-7' });
  });

  it("checks the sender ID against the account's brand, and autofix amends the text", async () => {
    const brand = h.a.account.brandName;
    const res = await post({ body: 'Your cleaning is confirmed for Tue 3pm.', purpose: 'transactional', firstMessage: true, autofix: true });
    const body = res.json<LintAnswer>();
    expect(body.body).toBe(`${brand}: Your cleaning is confirmed for Tue 3pm. Reply STOP to unsubscribe`);
    expect(body.verdict).toBe('ok');
  });

  it.each([
    [{}, 'body'],
    [{ body: 'x', purpose: 'spam' }, 'purpose'],
    [{ body: 'x', extra: 1 }, 'extra'],
    [{ body: 'x'.repeat(5000) }, 'body'],
  ])('400 naming the field for %j', async (payload, field) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ field?: string }>().field ?? '').toContain(field);
  });

  it('401 without a key', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/lint', payload: { body: 'x' } });
    expect(res.statusCode).toBe(401);
  });
});
