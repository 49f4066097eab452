import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/log.js';
import { bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
const lines: string[] = [];
beforeAll(async () => {
  const log = createLogger({ level: 'info', destination: { write: (line: string) => { lines.push(line); } } });
  h = await createHarness({ log });
});
afterAll(async () => { await h.close(); });

type Line = { level: number; msg?: string; url?: string; method?: string; statusCode?: number; responseTime?: number; req?: unknown; reqId?: string };
const parsed = (): Line[] => lines.map((l) => JSON.parse(l) as Line);

describe('request logs', () => {
  it.each([
    ['/v1/contacts/2125550123', '/v1/contacts/212***0123'],
    ['/v1/contacts/%2B12125550123', '/v1/contacts/%2B1212***0123'],
    ['/v1/contacts/%28212%29%20555-0123', '/v1/contacts/212***0123'],
    ['/v1/contacts/(212)%20555-0123', '/v1/contacts/212***0123'],
  ])('%s: one line at info with method, masked url, status and time; no digits of the number anywhere', async (url, masked) => {
    lines.length = 0;
    const res = await h.app.inject({ method: 'GET', url, headers: bearer(h.a.key) });
    const mine = parsed().filter((l) => l.reqId === res.headers['x-request-id']);
    const perRequest = mine.filter((l) => l.url !== undefined || l.req !== undefined);
    expect(perRequest).toHaveLength(1);
    expect(perRequest[0]).toMatchObject({ level: 30, msg: 'request completed', method: 'GET', url: masked, statusCode: res.statusCode });
    expect(typeof perRequest[0]?.responseTime).toBe('number');
    expect(lines.join('')).not.toMatch(/555-?0123|5550123/);
  });

  it('an error message quoting a national number is masked too', async () => {
    lines.length = 0;
    const res = await h.app.inject({ method: 'POST', url: '/v1/contacts/2125550123/consent', headers: bearer(h.a.key), payload: { channel: 'sms' } });
    expect(res.statusCode).toBe(400);
    expect(lines.join('')).not.toMatch(/5550123/);
  });
});
