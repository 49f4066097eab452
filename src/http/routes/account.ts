import { getAccount, updateAccount } from '../../services/index.js';
import { accountOf } from '../auth.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { AccountSchema, PatchAccountBody } from '../schemas/account.js';
import { errorResponses } from '../schemas/common.js';

/** `/v1/account`: brand (for sender identification), HELP text, quiet hours, keywords, alert webhook. */
export function accountRoutes(app: App, deps: AppDeps): void {
  app.get('/v1/account', {
    schema: {
      summary: 'The authenticated account',
      tags: ['account'],
      security: [{ bearer: [] }],
      response: { 200: AccountSchema, ...errorResponses(401) },
    },
  }, async (request) => getAccount(requestDeps(deps, request), accountOf(request).accountId));

  app.patch('/v1/account', {
    schema: {
      summary: 'Change brand name and aliases, HELP text, quiet-hour policy, keyword additions, alert webhook URL',
      tags: ['account'],
      security: [{ bearer: [] }],
      body: PatchAccountBody,
      response: { 200: AccountSchema, ...errorResponses(400, 401) },
    },
  }, async (request) => updateAccount(requestDeps(deps, request), accountOf(request).accountId, request.body));
}
