import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../deps.js';

/** Where `npm run build:web` writes the dashboard: `<package root>/dist/web` (from src/ and from dist/ alike). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/**
 * The dashboard's page paths (history routing). Only these fall back to index.html: an unknown
 * /v1, /webhooks, /2010-04-01 or /simulator path stays a JSON 404.
 */
export const PAGE_PATHS = ['/', '/login', '/overview', '/messages', '/contacts', '/numbers', '/alerts', '/check', '/optin'] as const;

/**
 * Content-Security-Policy of every dashboard response: only same-origin scripts, styles, images and
 * fetches; no inline script, no eval, no plugins, no framing (frame-ancestors, with X-Frame-Options
 * for old browsers), forms post only here. uPlot sets element.style from script, which CSP allows.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A file name under dist/web/assets as Vite writes them (`index-abc123.js`): no directories, no dot files. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

function securityHeaders(reply: FastifyReply): void {
  void reply.header('content-security-policy', DASHBOARD_CSP);
  void reply.header('x-frame-options', 'DENY');
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'no-referrer');
  void reply.header('cross-origin-opener-policy', 'same-origin');
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Clearsend: dashboard not built</title></head>
<body>
<h1>The Clearsend dashboard has not been built</h1>
<p>The API works (see <a href="/openapi.json">/openapi.json</a>), but the dashboard's files are missing from <code>dist/web</code>.</p>
<p>Build them with <code>npm run build</code> (or only the dashboard: <code>npm run build:web</code>), then restart <code>clearsend serve</code>.</p>
</body>
</html>
`;

/**
 * The dashboard: static files from `dist/web` (hashed `/assets/*` cached for a year, index.html
 * never cached) under a strict CSP, with index.html for every page path. When the build is
 * missing, page paths answer 503 with a page saying how to build it. The HTML holds no data: every
 * figure comes from /v1, which checks the session's account.
 */
export function dashboardRoutes(app: App, _deps: AppDeps, options: { root?: string } = {}): void {
  const root = options.root ?? DEFAULT_WEB_ROOT;
  const indexPath = join(root, 'index.html');
  let index: string | undefined;
  const loadIndex = (): string | undefined => {
    if (index === undefined && existsSync(indexPath)) index = readFileSync(indexPath, 'utf8');
    return index;
  };
  loadIndex();

  const page = async (_request: unknown, reply: FastifyReply) => {
    securityHeaders(reply);
    const html = loadIndex();
    if (html === undefined) {
      void reply.header('cache-control', 'no-store');
      return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    }
    void reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').send(html);
  };
  for (const path of PAGE_PATHS) {
    app.get(path, page);
    if (path !== '/' && path !== '/login') app.get(`${path}/*`, page);
  }

  const assets = join(root, 'assets');
  if (!existsSync(assets)) return;
  void app.register(async (scope) => {
    // serve: false and our own route: the route carries no schema, so it stays out of /openapi.json
    await scope.register(fastifyStatic, {
      root: assets,
      serve: false,
      index: false,
      list: false,
      dotfiles: 'deny',
      cacheControl: false,
      setHeaders: (res) => {
        // file names carry a content hash: a new build gets new names, so these never go stale
        void res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    scope.get('/assets/*', (request, reply) => {
      securityHeaders(reply);
      const file = (request.params as { '*'?: string })['*'] ?? '';
      // the build writes flat, hashed names: anything else (a separator, `..`, a NUL) names no asset
      if (!ASSET_NAME.test(file)) {
        return reply.status(404).send({ error: 'NOT_FOUND', message: `no asset ${JSON.stringify(file.slice(0, 100))}; assets are the files the dashboard build wrote` });
      }
      return reply.sendFile(file);
    });
  });
}
