import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App, AppDeps } from '../../src/http/app.js';
import { errorHandler } from '../../src/http/errors.js';
import { DASHBOARD_CSP, dashboardRoutes } from '../../src/http/routes/dashboard.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
let built: App;
let missing: App;
let dir: string;

async function appWith(deps: AppDeps, root: string): Promise<App> {
  const app = Fastify() as unknown as App;
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'NOT_FOUND', message: 'no route' }));
  app.get('/v1/ping', () => ({ ok: true }));
  dashboardRoutes(app, deps, { root });
  await app.ready();
  return app;
}

beforeAll(async () => {
  h = await createHarness();
  dir = mkdtempSync(join(tmpdir(), 'cs-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Clearsend</title><div id="app"></div><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  writeFileSync(join(dir, 'secret.txt'), 'outside the assets folder');
  built = await appWith(h.deps, dir);
  missing = await appWith(h.deps, join(dir, 'nope'));
});
afterAll(async () => {
  await built.close();
  await missing.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard static files', () => {
  it.each(['/', '/overview', '/messages', '/messages/SM0123', '/contacts/%2B12125550123', '/numbers', '/alerts', '/check', '/optin', '/login'])(
    '%s answers index.html, uncached, under the strict CSP', async (url) => {
      const res = await built.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="app">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(DASHBOARD_CSP);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('the CSP allows no inline script, no eval and no framing', () => {
    const directives = new Map(DASHBOARD_CSP.split(';').map((d) => { const [name = '', ...values] = d.trim().split(/\s+/); return [name, values] as const; }));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('hashed assets are served with a year-long immutable cache', async () => {
    const res = await built.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toBe(DASHBOARD_CSP);
  });

  it.each(['/v1/nope', '/webhooks/nope', '/2010-04-01/nope', '/simulator/nope', '/healthz/x', '/openapi.json', '/assets/missing.js', '/assets/../index.html', '/unknown-page'])(
    '%s never falls back to index.html', async (url) => {
      const res = await built.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('<div id="app">');
    },
  );

  it.each(['/assets/%00', '/assets/index-abc123.js%00', '/assets/..%2F..%2Fetc%2Fpasswd', '/assets/..%2Fsecret.txt', '/assets/..%5Csecret.txt',
    '/assets/%2F', '/assets/.hidden', '/assets/%ff', '/assets/%E0%A4%A', '/assets/index-abc123.js/'])(
    '%s is a 4xx, never a 500 nor a file outside the assets', async (url) => {
      const res = await built.inject({ method: 'GET', url });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).not.toContain('outside the assets folder');
      expect(typeof res.json<{ message?: unknown }>().message).toBe('string');
    },
  );

  it('API routes are untouched', async () => {
    expect((await built.inject({ method: 'GET', url: '/v1/ping' })).json()).toEqual({ ok: true });
  });
});

describe('dashboard not built', () => {
  it.each(['/', '/messages'])('%s answers 503 with a page saying to run npm run build', async (url) => {
    const res = await missing.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('npm run build');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('the API still answers', async () => {
    expect((await missing.inject({ method: 'GET', url: '/v1/ping' })).statusCode).toBe(200);
  });
});
