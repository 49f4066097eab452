import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createApiKey } from '../../src/services/index.js';
import { apiKeyPrefix, revokeApiKey } from '../../src/store/api-keys.js';
import { BODY, NOW, RECIPIENT, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });
beforeEach(() => { h.clock.t = NOW; });

const HOUR = 60 * 60 * 1000;

function setCookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const value = Array.isArray(raw) ? raw.join('\n') : raw;
  if (typeof value !== 'string') throw new Error('no Set-Cookie header');
  return value;
}

async function login(key: string, app = h.app): Promise<{ cookie: string; setCookie: string }> {
  const res = await app.inject({ method: 'POST', url: '/v1/session', payload: { key } });
  expect(res.statusCode).toBe(204);
  const setCookie = setCookieOf(res);
  const pair = /^(cs_session=[^;]+)/.exec(setCookie)?.[1];
  if (pair === undefined) throw new Error(`unexpected Set-Cookie ${setCookie}`);
  return { cookie: pair, setCookie };
}

const whoAmI = (cookie: string) => h.app.inject({ method: 'GET', url: '/v1/session', headers: { cookie } });

describe('POST /v1/session (login)', () => {
  it('trades a live API key for an httpOnly, SameSite=Strict, Path=/ cookie; no Secure on an http public URL', async () => {
    const { cookie, setCookie } = await login(h.a.key);
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(attributes).not.toContain('secure');
    expect(setCookie.toLowerCase()).not.toContain('max-age');
    expect(cookie).toMatch(new RegExp(`^cs_session=${h.a.account.accountId}\\.[A-Za-z0-9_-]{43}$`));
  });

  it('sets Secure when PUBLIC_URL is https', async () => {
    const app = await buildApp({ ...h.deps, config: { ...h.deps.config, publicUrl: 'https://sms.example.com' } });
    try {
      const { setCookie } = await login(h.a.key, app);
      expect(setCookie.split(';').map((a) => a.trim())).toContain('Secure');
    } finally {
      await app.close();
    }
  });

  it('stores only a hash of the token', async () => {
    const { cookie } = await login(h.a.key);
    const token = cookie.split('.')[1]!;
    const rows = await h.deps.db.query<{ token_hash: string }>('select token_hash from sessions where account_id = $1', [h.a.account.accountId]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.token_hash).not.toContain(token);
    }
  });

  it.each([
    ['an unknown key', 'cs_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'],
    ['not a key at all', 'password'],
    ['a key with one character changed', 'KEY_WITH_TYPO'],
  ])('401 and no cookie for %s', async (_label, given) => {
    const key = given === 'KEY_WITH_TYPO' ? `${h.a.key.slice(0, -1)}${h.a.key.endsWith('A') ? 'B' : 'A'}` : given;
    const res = await h.app.inject({ method: 'POST', url: '/v1/session', payload: { key } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'UNAUTHORIZED', field: 'key' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    [{}, 'key'],
    [{ key: '' }, 'key'],
    [{ key: 'x', extra: 1 }, 'extra'],
  ])('400 naming the field for %j', async (payload, field) => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/session', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field });
  });

  it('refuses a login posted from another site', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/session', headers: { origin: 'https://evil.example', host: 'localhost:80' }, payload: { key: h.a.key } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the session cookie on /v1', () => {
  it('GET /v1/session answers the account; other /v1 routes accept the cookie instead of a Bearer key', async () => {
    const { cookie } = await login(h.a.key);
    const me = await whoAmI(cookie);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ accountId: h.a.account.accountId, sid: h.a.account.sid, name: 'acme' });
    expect(me.headers['cache-control']).toBe('no-store');
    const sent = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' }, payload: { to: RECIPIENT, body: BODY, purpose: 'transactional' } });
    expect(sent.statusCode).toBe(202);
    const list = await h.app.inject({ method: 'GET', url: '/v1/messages', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ messages: { id: string }[] }>().messages.map((m) => m.id)).toContain(sent.json<{ id: string }>().id);
  });

  it('401 without any credential, and with a forged or malformed cookie', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/v1/session' })).statusCode).toBe(401);
    for (const cookie of ['cs_session=nonsense', `cs_session=${h.a.account.accountId}.${'A'.repeat(43)}`, 'cs_session=']) {
      const res = await whoAmI(cookie);
      expect(res.statusCode).toBe(401);
    }
  });

  it('a Bearer header decides alone: a wrong key is 401 even next to a valid cookie', async () => {
    const { cookie } = await login(h.a.key);
    const res = await h.app.inject({ method: 'GET', url: '/v1/session', headers: { cookie, authorization: 'Bearer cs_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' } });
    expect(res.statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/v1/session', headers: bearer(h.a.key) })).json()).toMatchObject({ accountId: h.a.account.accountId });
  });

  it('refuses a cookie-authenticated change that comes from another site', async () => {
    const { cookie } = await login(h.a.key);
    const payload = { to: RECIPIENT, body: BODY, purpose: 'transactional' };
    const cross = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: { cookie, origin: 'https://evil.example', host: 'localhost:80' }, payload });
    expect(cross.statusCode).toBe(401);
    const fetchSite = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: { cookie, 'sec-fetch-site': 'cross-site' }, payload });
    expect(fetchSite.statusCode).toBe(401);
  });
});

describe('expiry', () => {
  it('ends after 12 hours without use', async () => {
    const { cookie } = await login(h.a.key);
    h.clock.t = new Date(NOW.getTime() + 12 * HOUR - 1000);
    expect((await whoAmI(cookie)).statusCode).toBe(200);
    h.clock.t = new Date(NOW.getTime() + 24 * HOUR - 2000);
    expect((await whoAmI(cookie)).statusCode).toBe(200);
    h.clock.t = new Date(NOW.getTime() + 36 * HOUR);
    const res = await whoAmI(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json<{ message: string }>().message).toMatch(/expired/);
  });

  it('use slides the idle expiry, but not past 7 days', async () => {
    const { cookie } = await login(h.a.key);
    let t = NOW.getTime();
    while (t + 11 * HOUR < NOW.getTime() + 7 * 24 * HOUR) {
      t += 11 * HOUR;
      h.clock.t = new Date(t);
      expect((await whoAmI(cookie)).statusCode).toBe(200);
    }
    h.clock.t = new Date(NOW.getTime() + 7 * 24 * HOUR + 1000);
    expect((await whoAmI(cookie)).statusCode).toBe(401);
  });

  it('ends when the API key it was opened with is revoked', async () => {
    const key = await createApiKey(h.deps, h.a.account.accountId);
    const { cookie } = await login(key);
    expect((await whoAmI(cookie)).statusCode).toBe(200);
    await revokeApiKey(h.deps.db, h.a.account.accountId, apiKeyPrefix(key)!, h.clock.now());
    expect((await whoAmI(cookie)).statusCode).toBe(401);
  });
});

describe('DELETE /v1/session (logout)', () => {
  it('ends the session and clears the cookie; the old cookie no longer works', async () => {
    const { cookie } = await login(h.a.key);
    const res = await h.app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie } });
    expect(res.statusCode).toBe(204);
    const cleared = setCookieOf(res);
    expect(cleared).toMatch(/^cs_session=;/);
    expect(cleared).toContain('Max-Age=0');
    expect(cleared).toContain('HttpOnly');
    expect((await whoAmI(cookie)).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/v1/messages', headers: { cookie } })).statusCode).toBe(401);
  });

  it('is idempotent: 204 with no session or an ended one', async () => {
    expect((await h.app.inject({ method: 'DELETE', url: '/v1/session' })).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie: 'cs_session=garbage' } })).statusCode).toBe(204);
  });

  it('ends only this session: another login of the same account stays', async () => {
    const one = await login(h.a.key);
    const two = await login(h.a.key);
    await h.app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie: one.cookie } });
    expect((await whoAmI(one.cookie)).statusCode).toBe(401);
    expect((await whoAmI(two.cookie)).statusCode).toBe(200);
  });
});

describe('across accounts', () => {
  it("a session of B sees B only: A's messages are 404 and absent from B's list", async () => {
    const sent = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: bearer(h.a.key), payload: { to: RECIPIENT, body: BODY, purpose: 'transactional' } });
    const id = sent.json<{ id: string }>().id;
    const b = await login(h.b.key);
    expect((await whoAmI(b.cookie)).json()).toMatchObject({ accountId: h.b.account.accountId });
    expect((await h.app.inject({ method: 'GET', url: `/v1/messages/${id}`, headers: { cookie: b.cookie } })).statusCode).toBe(404);
    const list = await h.app.inject({ method: 'GET', url: '/v1/messages', headers: { cookie: b.cookie } });
    expect(list.json<{ messages: unknown[] }>().messages).toEqual([]);
    const a = await login(h.a.key);
    expect((await h.app.inject({ method: 'GET', url: `/v1/messages/${id}`, headers: { cookie: a.cookie } })).statusCode).toBe(200);
  });

  it("B's token under A's account id is refused (the cookie names its account, the hash must match there)", async () => {
    const a = await login(h.a.key);
    const b = await login(h.b.key);
    const bToken = b.cookie.split('.')[1]!;
    const spliced = `cs_session=${h.a.account.accountId}.${bToken}`;
    expect(spliced).not.toBe(a.cookie);
    expect((await whoAmI(spliced)).statusCode).toBe(401);
  });
});
