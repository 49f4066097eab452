import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const GOOD_FORM = `<form action="/join">
  <p>Acme Dental text alerts: appointment reminders and offers. Msg frequency varies. Msg &amp; data rates may apply.
  Reply STOP to cancel. Reply HELP for help. Consent is not a condition of purchase.
  <a href="/terms">Terms</a> and <a href="/privacy">Privacy Policy</a>.</p>
  <label><input type="checkbox" name="sms_consent"> I agree to receive recurring automated marketing texts from Acme Dental at the number provided.</label>
  <button>Join</button>
</form>`;

const post = (payload: unknown, key = h.a.key) => h.app.inject({ method: 'POST', url: '/v1/optin-lint', headers: bearer(key), payload: payload as Record<string, unknown> });

describe('POST /v1/optin-lint', () => {
  it("checks HTML against the account's brand and names every element", async () => {
    const res = await post({ html: GOOD_FORM });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ ok: boolean; format: string; findings: { element: string; status: string }[] }>();
    expect(body.format).toBe('html');
    expect(body.findings.filter((f) => f.status !== 'present')).toEqual([]);
    expect(body.ok).toBe(true);
  });

  it('finds what a bare form is missing, with fixes', async () => {
    const res = await post({ text: 'Enter your phone number to get deals!' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ ok: boolean; findings: { element: string; status: string; fix?: string }[] }>();
    expect(body.ok).toBe(false);
    const missing = body.findings.filter((f) => f.status === 'missing');
    expect(missing.map((f) => f.element)).toEqual(expect.arrayContaining(['brand', 'stop', 'help', 'rates', 'privacy']));
    expect(missing.every((f) => typeof f.fix === 'string' && f.fix.length > 0)).toBe(true);
  });

  it('uses the brand given over the account brand', async () => {
    const res = await post({ html: GOOD_FORM, brandName: 'Zephyr Roofing' });
    const body = res.json<{ findings: { element: string; status: string }[] }>();
    expect(body.findings.find((f) => f.element === 'brand')?.status).not.toBe('present');
  });

  it.each([
    [{}, 'html'],
    [{ html: GOOD_FORM, text: 'x' }, 'html'],
    [{ html: '' }, 'body/html'],
    [{ text: 'x', extra: 1 }, 'extra'],
  ])('400 naming the field for %j', async (payload, field) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ field?: string }>().field ?? '').toContain(field.replace('body/', ''));
  });

  it('401 without a key', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/optin-lint', payload: { text: 'x' } });
    expect(res.statusCode).toBe(401);
  });
});
