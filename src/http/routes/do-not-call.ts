import { Type } from '@sinclair/typebox';
import { addDoNotCall, listDoNotCall, removeDoNotCall } from '../../services/index.js';
import { accountOf } from '../auth.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { errorResponses, strict } from '../schemas/common.js';
import { PhoneParams } from '../schemas/contacts.js';
import { AddDoNotCallBody, DoNotCallEntrySchema, DoNotCallPage, DoNotCallQuery } from '../schemas/do-not-call.js';

/** `/v1/dnc`: the account's do-not-call list; marketing texts to a listed number are blocked (dnc.listed). */
export function doNotCallRoutes(app: App, deps: AppDeps): void {
  app.post('/v1/dnc', {
    schema: {
      summary: 'Add numbers to the account\'s do-not-call list',
      description: 'Numbers scrubbed against the National Do Not Call Registry (`national`) or that asked not to be contacted (`internal`). A listed number gets its source and note replaced. Marketing texts to a listed number are blocked (`dnc.listed`).',
      tags: ['dnc'],
      security: [{ bearer: [] }],
      body: AddDoNotCallBody,
      response: { 200: Type.Object({ entries: Type.Array(DoNotCallEntrySchema) }, { ...strict, title: 'DoNotCallEntries' }), ...errorResponses(400, 401) },
    },
  }, async (request) => ({ entries: await addDoNotCall(requestDeps(deps, request), accountOf(request).accountId, request.body.entries) }));

  app.get('/v1/dnc', {
    schema: {
      summary: 'The account\'s do-not-call list, by phone',
      tags: ['dnc'],
      security: [{ bearer: [] }],
      querystring: DoNotCallQuery,
      response: { 200: DoNotCallPage, ...errorResponses(400, 401) },
    },
  }, async (request) => {
    const { limit, cursor } = request.query;
    return listDoNotCall(requestDeps(deps, request), accountOf(request).accountId, {
      ...(limit === undefined ? {} : { limit: Number(limit) }),
      ...(cursor === undefined ? {} : { cursor }),
    });
  });

  app.delete('/v1/dnc/:phone', {
    schema: {
      summary: 'Remove a number from the account\'s do-not-call list',
      tags: ['dnc'],
      security: [{ bearer: [] }],
      params: PhoneParams,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
    },
  }, async (request, reply) => {
    await removeDoNotCall(requestDeps(deps, request), accountOf(request).accountId, request.params.phone);
    return reply.status(204).send(null);
  });
}
