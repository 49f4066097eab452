import { Type } from '@sinclair/typebox';
import { listNumbers, putNumber } from '../../services/index.js';
import { accountOf } from '../auth.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { errorResponses, strict } from '../schemas/common.js';
import { PhoneParams } from '../schemas/contacts.js';
import { NumberSchema, PutNumberBody } from '../schemas/numbers.js';

/** `/v1/numbers`: the account's sender numbers and their 10DLC / toll-free registration. */
export function numberRoutes(app: App, deps: AppDeps): void {
  app.put('/v1/numbers/:phone', {
    schema: {
      summary: 'Add or update a sender number',
      description: 'A number newly added to an approved campaign is not usable until propagated: `usableFrom` defaults to 10 days after it is added.',
      tags: ['numbers'],
      security: [{ bearer: [] }],
      params: PhoneParams,
      body: PutNumberBody,
      response: { 200: NumberSchema, ...errorResponses(400, 401, 409) },
    },
  }, async (request) => putNumber(requestDeps(deps, request), accountOf(request).accountId, request.params.phone, request.body));

  app.get('/v1/numbers', {
    schema: {
      summary: 'The account\'s sender numbers',
      tags: ['numbers'],
      security: [{ bearer: [] }],
      response: { 200: Type.Object({ numbers: Type.Array(NumberSchema) }, { ...strict, title: 'NumberList' }), ...errorResponses(401) },
    },
  }, async (request) => ({ numbers: await listNumbers(requestDeps(deps, request), accountOf(request).accountId) }));
}
