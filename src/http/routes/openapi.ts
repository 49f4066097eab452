import type { RouteOptions } from 'fastify';
import type { App } from '../deps.js';

/** One registered route as the OpenAPI document needs it. */
export interface RouteDoc {
  method: string;
  url: string;
  schema: Record<string, unknown>;
}

/** Collects every route's schema as it is registered (call before registering routes). */
export function collectRoutes(app: App): RouteDoc[] {
  const routes: RouteDoc[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || route.schema === undefined) continue;
      routes.push({ method: method.toLowerCase(), url: route.url, schema: route.schema as Record<string, unknown> });
    }
  });
  return routes;
}

// TypeBox schemas carry symbol keys (dropped by JSON) and sometimes `Unsafe` wrappers; JSON round-trip gives plain JSON Schema.
const plain = (schema: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(schema ?? {})) as Record<string, unknown>;

function parameters(schema: unknown, where: 'path' | 'query'): unknown[] {
  const s = plain(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, sub]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: sub,
  }));
}

/** Builds an OpenAPI 3.1 document from the registered route schemas (the single source of truth). */
export function buildOpenApi(routes: readonly RouteDoc[], info: { version: string; serverUrl: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
    const s = r.schema;
    const responses: Record<string, unknown> = {};
    for (const [status, body] of Object.entries((s.response ?? {}) as Record<string, unknown>)) {
      const schema = plain(body);
      const type = r.url.startsWith('/webhooks/') && status === '200' ? 'text/xml' : 'application/json';
      responses[status] = { description: typeof schema.description === 'string' ? schema.description : `HTTP ${status}`, content: { [type]: { schema } } };
    }
    const form = r.url.startsWith('/2010-04-01/') || r.url.startsWith('/webhooks/');
    const operation: Record<string, unknown> = {
      summary: s.summary,
      ...(s.description === undefined ? {} : { description: s.description }),
      ...(s.tags === undefined ? {} : { tags: s.tags }),
      ...(s.security === undefined ? {} : { security: s.security }),
      parameters: [...parameters(s.params, 'path'), ...parameters(s.querystring, 'query')],
      ...(s.body === undefined ? {} : {
        requestBody: { required: true, content: { [form ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: plain(s.body) } } },
      }),
      responses: Object.keys(responses).length > 0 ? responses : { 200: { description: 'OK' } },
    };
    paths[path] = { ...(paths[path] ?? {}), [r.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Clearsend API',
      version: info.version,
      description: 'SMS compliance gateway: every text goes through the rules (consent, opt-outs, quiet hours, content, registration) before it leaves.',
    },
    servers: [{ url: info.serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A Clearsend API key (cs_…), from `clearsend keys create`' },
        basic: { type: 'http', scheme: 'basic', description: 'Twilio-compatible: the account SID (AC…) and a Clearsend API key' },
      },
    },
    paths,
  };
}

/** `GET /openapi.json`. */
export function openApiRoutes(app: App, routes: readonly RouteDoc[], info: { version: string; serverUrl: string }): void {
  let doc: Record<string, unknown> | undefined;
  app.get('/openapi.json', (_request, reply) => {
    doc ??= buildOpenApi(routes, info);
    return reply.send(doc);
  });
}
