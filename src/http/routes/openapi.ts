import swagger from '@fastify/swagger';
import { SESSION_COOKIE } from '../../services/index.js';
import type { App } from '../deps.js';

/** What the OpenAPI document says about the API as a whole. */
export interface OpenApiInfo { version: string; serverUrl: string }

type Json = Record<string, unknown>;

// Twilio's API and the providers' webhooks take form-encoded bodies; the webhooks answer TwiML.
const formEncoded = (url: string): boolean => url.startsWith('/2010-04-01/') || url.startsWith('/webhooks/');

/**
 * Moves every titled schema of the document to components.schemas under its title and refers to
 * it there, so that generated clients (web/src/api-types.ts) get stable names. The route schemas
 * themselves stay inline: ajv and the serializer never see a `$ref`.
 */
function hoistTitled(doc: Json): Json {
  const schemas: Record<string, Json> = {};
  const hoist = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(hoist);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, hoist(v)]));
    const title = entries.title;
    if (typeof title !== 'string') return entries;
    const known = schemas[title];
    if (known !== undefined && JSON.stringify(known) !== JSON.stringify(entries)) {
      throw new Error(`two different schemas are titled ${title}: give one another title`);
    }
    schemas[title] = entries;
    return { $ref: `#/components/schemas/${title}` };
  };
  const paths = hoist(doc.paths);
  const components = (doc.components ?? {}) as Json;
  const sorted = Object.fromEntries(Object.keys(schemas).sort().map((name) => [name, schemas[name]]));
  return { ...doc, paths, components: { ...components, schemas: sorted } };
}

/**
 * Registers @fastify/swagger (before any route: it collects routes as they are added). The document
 * is built from the route schemas, the single source of every API shape; routes without a schema
 * (the dashboard's pages and assets, this document) stay out of it.
 */
export async function registerOpenApi(app: App, info: OpenApiInfo): Promise<void> {
  await app.register(swagger, {
    openapi: {
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
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The dashboard\'s session cookie, from POST /v1/session' },
        },
      },
    },
    transform: ({ schema, url }) => {
      // typed as always present, but a route registered without one (the dashboard) has none
      const declared: unknown = schema;
      if (declared === undefined) return { schema: { hide: true }, url };
      if (!formEncoded(url)) return { schema, url };
      const s = schema as Json;
      const response = { ...(s.response as Json | undefined) };
      if (url.startsWith('/webhooks/') && response[200] !== undefined) {
        const ok = response[200] as Json;
        response[200] = { description: typeof ok.description === 'string' ? ok.description : 'OK', content: { 'text/xml': { schema: ok } } };
      }
      return { schema: { ...s, consumes: ['application/x-www-form-urlencoded'], response }, url };
    },
    transformObject: (documentObject) => hoistTitled(('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as Json),
  });
}

/** `GET /openapi.json`. */
export function openApiRoutes(app: App): void {
  app.get('/openapi.json', (_request, reply) => reply.send(app.swagger()));
}
