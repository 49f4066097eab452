import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../../errors.js';
import { findAccountBySid, handleInbound, handleStatus, type ServiceDeps } from '../../services/index.js';
import type { WebhookInput } from '../../providers/provider.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/common.js';

/** The empty TwiML answer: replies (HELP, STOP confirmations) go out through the send queue instead. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export const WEBHOOK_KINDS = ['inbound', 'status'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** Form params as provider adapters take them: one string per name (the first of a repeated one). */
export function formParams(body: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return params;
  for (const [name, value] of Object.entries(body)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') params[name] = first;
  }
  return params;
}

/** Request headers with lower-case names and one string value each. */
export function flatHeaders(headers: FastifyRequest['headers']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** The `accountSid` query parameter of a webhook URL, if any (needed for Twilio: its AccountSid is Twilio's). */
function querySid(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  return new URLSearchParams(url.slice(q + 1)).get('accountSid') ?? undefined;
}

/** What a webhook came to: 403 bad signature, 404 unknown account, else handled (or ignored). */
export type WebhookOutcome = { kind: 'forbidden' } | { kind: 'ignored' } | { kind: 'handled' };

/**
 * One provider webhook, from HTTP or from the in-process simulator: signature (forbidden when
 * wrong), then parse, then find the account (URL `?accountSid=` first, else the payload's
 * AccountSid; NOT_FOUND when none), then the pipeline.
 */
export async function processWebhook(svc: ServiceDeps, kind: WebhookKind, input: WebhookInput): Promise<WebhookOutcome> {
  const provider = svc.provider;
  if (!provider.verifySignature(input)) {
    svc.log.warn({ url: input.url }, 'webhook signature rejected');
    return { kind: 'forbidden' };
  }
  const parsed = kind === 'inbound' ? provider.parseInbound(input) : provider.parseStatus(input);
  if (parsed === null) {
    svc.log.info({ kind }, 'webhook ignored: not a message event this endpoint handles');
    return { kind: 'ignored' };
  }
  const sid = querySid(input.url) ?? parsed.accountSid;
  const account = sid === undefined ? null : await findAccountBySid(svc, sid);
  if (account === null) {
    throw new UserError('NOT_FOUND', `no account ${sid ?? '(none given)'}: add ?accountSid=AC… (your Clearsend account SID) to the webhook URL`, { field: 'AccountSid' });
  }
  if ('from' in parsed) {
    const result = await handleInbound(svc, account, parsed);
    svc.log.info({ kind: result.kind, replied: result.replied, duplicate: result.duplicate }, 'inbound message handled');
  } else {
    const result = await handleStatus(svc, account, parsed);
    svc.log.info({ status: parsed.status, updated: result.updated }, 'status callback handled');
  }
  return { kind: 'handled' };
}

async function webhookReply(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, kind: WebhookKind): Promise<FastifyReply> {
  const input: WebhookInput = {
    url: `${deps.config.publicUrl}${request.url}`,
    headers: flatHeaders(request.headers),
    params: formParams(request.body),
  };
  const outcome = await processWebhook(requestDeps(deps, request), kind, input);
  if (outcome.kind === 'forbidden') {
    return reply.status(403).send({ error: 'FORBIDDEN', message: `invalid ${deps.provider.name} webhook signature (check that PUBLIC_URL is the origin the provider posts to)` });
  }
  return reply.status(200).type('text/xml').send(EMPTY_TWIML);
}

/**
 * `POST /webhooks/{twilio|simulator}/{inbound|status}`: the configured provider's webhooks, checked
 * with its signature. The other provider's paths answer 404.
 */
export function webhookRoutes(app: App, deps: AppDeps): void {
  for (const provider of ['twilio', 'simulator'] as const) {
    for (const kind of WEBHOOK_KINDS) {
      app.post(`/webhooks/${provider}/${kind}`, {
        schema: {
          summary: `${provider === 'twilio' ? 'Twilio' : 'Simulator'} ${kind === 'inbound' ? 'incoming-message' : 'status-callback'} webhook`,
          description: `Form-encoded, signed with ${provider === 'twilio' ? 'X-Twilio-Signature (your Twilio auth token)' : 'X-Simulator-Signature (SIMULATOR_SECRET)'} over PUBLIC_URL + path; 403 when wrong. `
            + 'Add `?accountSid=AC…` (the Clearsend account SID) when the payload\'s AccountSid is not the Clearsend one (Twilio). Answers `<Response/>`.',
          tags: ['webhooks'],
          querystring: Type.Object({ accountSid: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: true }),
          response: { 200: Type.String({ description: 'TwiML' }), ...errorResponses(403, 404) },
        },
      }, async (request, reply) => {
        if (deps.provider.name !== provider) {
          throw new UserError('NOT_FOUND', `this server uses the ${deps.provider.name} provider; ${provider} webhooks are not served (PROVIDER=${provider} to use them)`);
        }
        return webhookReply(deps, request, reply, kind);
      });
    }
  }
}
