import { CONSENT_EVENTS_DEFAULT, CONSENT_EVENTS_MAX, getContact, putContact, recordConsent, revokeConsent } from '../../services/index.js';
import { accountOf } from '../auth.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/common.js';
import { ConsentBody, ConsentEventViewSchema, ContactDetailSchema, ContactQuery, ContactSchema, PhoneParams, PutContactBody, RevocationViewSchema, RevokeBody } from '../schemas/contacts.js';

/** `/v1/contacts/:phone`: recipient facts, the consent ledger, hand-recorded opt-outs. */
export function contactRoutes(app: App, deps: AppDeps): void {
  app.put('/v1/contacts/:phone', {
    schema: {
      summary: 'Create or update a contact (time zone, state, line type, SMS do-not-disturb)',
      tags: ['contacts'],
      security: [{ bearer: [] }],
      params: PhoneParams,
      body: PutContactBody,
      response: { 200: ContactSchema, ...errorResponses(400, 401) },
    },
  }, async (request) => putContact(requestDeps(deps, request), accountOf(request).accountId, request.params.phone, request.body));

  app.get('/v1/contacts/:phone', {
    schema: {
      summary: 'A contact with its current consent, DND, time zone and one page of its consent ledger (newest first)',
      description: `\`consentEvents\` holds at most \`limit\` events (default ${String(CONSENT_EVENTS_DEFAULT)}, at most ${String(CONSENT_EVENTS_MAX)}), newest first; `
        + 'pass `consentEventsNextCursor` back as `cursor` for the next page. `consent` is derived from the whole ledger.',
      tags: ['contacts'],
      security: [{ bearer: [] }],
      params: PhoneParams,
      querystring: ContactQuery,
      response: { 200: ContactDetailSchema, ...errorResponses(400, 401, 404) },
    },
  }, async (request) => {
    const { limit, cursor } = request.query;
    return getContact(requestDeps(deps, request), accountOf(request).accountId, request.params.phone, {
      ...(limit === undefined ? {} : { limit: Number(limit) }),
      ...(cursor === undefined ? {} : { cursor }),
    });
  });

  app.post('/v1/contacts/:phone/consent', {
    schema: {
      summary: 'Record consent with its evidence (appended to the ledger; grantedAt defaults to now)',
      tags: ['contacts'],
      security: [{ bearer: [] }],
      params: PhoneParams,
      body: ConsentBody,
      response: { 201: ConsentEventViewSchema, ...errorResponses(400, 401) },
    },
  }, async (request, reply) => {
    const event = await recordConsent(requestDeps(deps, request), accountOf(request).accountId, request.params.phone, request.body);
    return reply.status(201).send(event);
  });

  app.post('/v1/contacts/:phone/revoke', {
    schema: {
      summary: 'Record an opt-out by hand (e.g. asked for on a call): takes effect at once on every number',
      description: 'Cancels the contact\'s queued and scheduled messages; `deadline` is the FCC 10-business-day limit the revocation met.',
      tags: ['contacts'],
      security: [{ bearer: [] }],
      params: PhoneParams,
      body: RevokeBody,
      response: {
        200: RevocationViewSchema,
        ...errorResponses(400, 401),
      },
    },
  }, async (request) => revokeConsent(requestDeps(deps, request), accountOf(request).accountId, request.params.phone, request.body));
}
