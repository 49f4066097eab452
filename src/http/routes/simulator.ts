import { Type } from '@sinclair/typebox';
import { UserError } from '../../errors.js';
import type { SmsProvider } from '../../providers/provider.js';
import type { SimulatorProvider } from '../../providers/simulator/simulator.js';
import { accountOf } from '../auth.js';
import type { App, AppDeps } from '../deps.js';
import { errorResponses, strict } from '../schemas/common.js';
import { SimulatorInboundBody } from '../schemas/simulator.js';

function isSimulator(provider: SmsProvider): provider is SimulatorProvider {
  return provider.name === 'simulator' && 'simulateInbound' in provider;
}

/** `POST /simulator/inbound`: a recipient's reply injected through the same webhook path a real one takes. */
export function simulatorRoutes(app: App, deps: AppDeps): void {
  app.post('/simulator/inbound', {
    schema: {
      summary: 'Simulate a reply from a recipient (e.g. STOP) as if the carrier delivered it',
      description: 'Only with PROVIDER=simulator. The simulator posts a signed webhook to /webhooks/simulator/inbound, which the pipeline handles like a real reply.',
      tags: ['simulator'],
      security: [{ bearer: [] }],
      body: SimulatorInboundBody,
      response: { 202: Type.Object({ providerMessageId: Type.String(), delivered: Type.Boolean() }, { ...strict, title: 'SimulatedInbound' }), ...errorResponses(400, 401, 404) },
    },
  }, async (request, reply) => {
    const provider = deps.provider;
    if (!isSimulator(provider)) throw new UserError('NOT_FOUND', `this server uses the ${provider.name} provider; /simulator/inbound needs PROVIDER=simulator`);
    const result = await provider.simulateInbound({ ...request.body, accountSid: accountOf(request).sid });
    return reply.status(202).send(result);
  });
}
