import { acceptMessage, cancelMessage, getMessage, listMessages } from '../../services/index.js';
import { accountOf } from '../auth.js';
import type { App, AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/common.js';
import { AcceptedMessage, ListMessagesQuery, MessageIdParams, MessageList, MessageWithEvents, SendMessageBody } from '../schemas/messages.js';
import { requestDeps } from '../deps.js';

/** `/v1/messages`: send through the rules, read back with events, list, cancel. */
export function messageRoutes(app: App, deps: AppDeps): void {
  app.post('/v1/messages', {
    schema: {
      summary: 'Send a text through every compliance check',
      description: '202 when queued or scheduled (deferred to `sendAt`), 422 with the same shape when blocked. '
        + 'Same `idempotencyKey` (body field or `Idempotency-Key` header) and body: the same answer and no second message; same key, other body: 409.',
      tags: ['messages'],
      security: [{ bearer: [] }],
      body: SendMessageBody,
      response: { 202: AcceptedMessage, 422: AcceptedMessage, ...errorResponses(400, 401, 409, 413) },
    },
  }, async (request, reply) => {
    const header = request.headers['idempotency-key'];
    const idempotencyKey = request.body.idempotencyKey ?? (typeof header === 'string' && header !== '' ? header.slice(0, 255) : undefined);
    const { message, replayed } = await acceptMessage(requestDeps(deps, request), accountOf(request).accountId, {
      ...request.body,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return reply.status(message.status === 'blocked' ? 422 : 202).send(message);
  });

  app.get('/v1/messages', {
    schema: {
      summary: 'List messages, newest first',
      tags: ['messages'],
      security: [{ bearer: [] }],
      querystring: ListMessagesQuery,
      response: { 200: MessageList, ...errorResponses(400, 401) },
    },
  }, async (request) => {
    const { limit, ...rest } = request.query;
    return listMessages(requestDeps(deps, request), accountOf(request).accountId, { ...rest, ...(limit === undefined ? {} : { limit: Number(limit) }) });
  });

  app.get('/v1/messages/:id', {
    schema: {
      summary: 'One message with its state events and the decision behind it',
      tags: ['messages'],
      security: [{ bearer: [] }],
      params: MessageIdParams,
      response: { 200: MessageWithEvents, ...errorResponses(401, 404) },
    },
  }, async (request) => getMessage(requestDeps(deps, request), accountOf(request).accountId, request.params.id));

  app.delete('/v1/messages/:id', {
    schema: {
      summary: 'Cancel a message that has not gone out yet (accepted, scheduled or queued)',
      tags: ['messages'],
      security: [{ bearer: [] }],
      params: MessageIdParams,
      response: { 200: AcceptedMessage, ...errorResponses(401, 404, 409) },
    },
  }, async (request) => cancelMessage(requestDeps(deps, request), accountOf(request).accountId, request.params.id));
}
