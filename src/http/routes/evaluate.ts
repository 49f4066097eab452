import { EvaluateRequestSchema, parseEvaluateRequest } from '../schemas/evaluate.js';
import { evaluateStateless } from '../../services/index.js';
import type { App } from '../deps.js';
import { errorResponses } from '../schemas/common.js';
import { DecisionSchema } from '../schemas/messages.js';

/** `POST /v1/evaluate`: the pure decision for a full request (the CLI's `evaluate` shape), nothing stored. */
export function evaluateRoutes(app: App): void {
  app.post('/v1/evaluate', {
    schema: {
      summary: 'Decide allow / defer / block for a full request; nothing is stored',
      tags: ['evaluate'],
      security: [{ bearer: [] }],
      body: EvaluateRequestSchema,
      response: { 200: DecisionSchema, ...errorResponses(400, 401) },
    },
    // parseEvaluateRequest validates (the same messages as the CLI); the schema is for the OpenAPI document.
    validatorCompiler: () => () => true,
  }, (request) => Promise.resolve(evaluateStateless(parseEvaluateRequest(request.body))));
}
