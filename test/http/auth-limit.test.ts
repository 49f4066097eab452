import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, bearer, createHarness, type Harness } from './harness.js';

const LIMIT = 5;
let h: Harness;
beforeAll(async () => { h = await createHarness({ env: { AUTH_FAILURE_LIMIT: String(LIMIT) } }); });
afterAll(async () => { await h.close(); });

const wrongKey = (i: number) => `cs_ZZZZZZZZ_${String(i).padStart(32, '0')}`;

describe('failed authentications are limited', () => {
  it('by client address: after the limit a 429 with Retry-After, for any key from there; a right key elsewhere still works', async () => {
    const from = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) {
      const res = await h.app.inject({ method: 'GET', url: '/v1/account', headers: bearer(wrongKey(i)), remoteAddress: from });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    const limited = await h.app.inject({ method: 'GET', url: '/v1/account', headers: bearer(wrongKey(99)), remoteAddress: from });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({ error: 'RATE_LIMITED' });

    const elsewhere = await h.app.inject({ method: 'GET', url: '/v1/account', headers: bearer(h.a.key), remoteAddress: '203.0.113.9' });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('a right key is never counted: many good requests from one address stay 200', async () => {
    for (let i = 0; i < LIMIT * 3; i++) {
      const res = await h.app.inject({ method: 'GET', url: '/v1/account', headers: bearer(h.b.key), remoteAddress: '198.51.100.8' });
      expect(res.statusCode).toBe(200);
    }
  });

  it('by key prefix: guesses at one key from many addresses get 429, its owner still gets in', async () => {
    const prefix = h.a.key.slice(0, 12); // cs_<8>_
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await h.app.inject({ method: 'GET', url: '/v1/account', headers: bearer(`${prefix}${String(i).padStart(32, 'x')}`), remoteAddress: `192.0.2.${String(i + 1)}` });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    const owner = await h.app.inject({ method: 'GET', url: '/v1/account', headers: bearer(h.a.key), remoteAddress: '192.0.2.200' });
    expect(owner.statusCode).toBe(200);
  });

  it('on the Twilio-compatible endpoint and the dashboard login too', async () => {
    const from = '198.51.100.20';
    let last = 0;
    for (let i = 0; i < LIMIT + 1; i++) {
      last = (await h.app.inject({ method: 'GET', url: `/2010-04-01/Accounts/${h.a.account.sid}/Messages/SM1.json`, headers: basic(h.a.account.sid, wrongKey(i)), remoteAddress: from })).statusCode;
    }
    expect(last).toBe(429);
    const login = await h.app.inject({ method: 'POST', url: '/v1/session', payload: { key: wrongKey(1) }, remoteAddress: from });
    expect(login.statusCode).toBe(429);
    expect(login.headers['retry-after']).toBeDefined();
  });
});
