import { type Static, Type } from '@sinclair/typebox';
import { AUDIT_CONTENT_TYPES, AUDIT_FORMATS, auditFilename, buildConsentAudit, renderAudit } from '../../services/index.js';
import { accountOf } from '../auth.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { IsoDateTime, errorResponses, literals, strict } from '../schemas/common.js';

/** Query of GET /v1/audit/consent (strings: the app never coerces query types). */
export const ConsentAuditQuery = Type.Object({
  sample: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'a whole number from 1 to 500 (default 20)' })),
  seed: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'sampling seed; default the UTC date of `to` (YYYY-MM-DD)' })),
  numbers: Type.Optional(Type.String({ minLength: 1, maxLength: 16_000, description: 'comma-separated phone numbers: exactly these instead of a sample' })),
  from: Type.Optional(IsoDateTime),
  to: Type.Optional(IsoDateTime),
  format: Type.Optional(literals(AUDIT_FORMATS, { description: 'json (default), csv or html (printable; print it to PDF from a browser)' })),
}, strict);
export type ConsentAuditQuery = Static<typeof ConsentAuditQuery>;

/** `GET /v1/audit/consent`: the consent evidence a carrier asks for, as a JSON, CSV or printable HTML download. */
export function auditRoutes(app: App, deps: AppDeps): void {
  app.get('/v1/audit/consent', {
    schema: {
      summary: 'Consent audit: the evidence for a seeded random sample of the contacts messaged in a period (or given numbers)',
      description: 'For each number: every consent event with its evidence (form URL and text, checkbox, IP, user agent, keyword message, '
        + 'call recording), the opt-out history and inbound texts, and the messages sent in the period with the consent each relied on. '
        + 'The same seed and period give the same sample. Unknown numbers are reported as "no record". Served as an attachment.',
      tags: ['audit'],
      security: [{ bearer: [] }],
      querystring: ConsentAuditQuery,
      response: { ...errorResponses(400, 401) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const svc = requestDeps(deps, request);
    const audit = await buildConsentAudit(svc, accountOf(request).accountId, {
      ...(q.sample === undefined ? {} : { sample: Number(q.sample) }),
      ...(q.seed === undefined ? {} : { seed: q.seed }),
      ...(q.numbers === undefined ? {} : { numbers: q.numbers.split(',') }),
      ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.to === undefined ? {} : { to: q.to }),
    }, svc.clock.now());
    const format = q.format ?? 'json';
    return reply
      .status(200)
      .header('content-type', AUDIT_CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${auditFilename(audit, format)}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      // the HTML holds text recipients wrote: escaped, and nothing in it may run even if opened inline
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(renderAudit(audit, format));
  });
}
