import type { Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PURPOSES, type Purpose, type Reason, type ReasonCode } from '../../core/types.js';
import { httpStatus, UserError } from '../../errors.js';
import { acceptMessage, authenticateBasic, getMessage, type MessageView } from '../../services/index.js';
import type { MessageStatus } from '../../store/message-status.js';
import { accountOf, parseBasic, setAccount } from '../auth.js';
import type { AuthLimiter } from '../auth-limit.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { toProblem } from '../errors.js';
import { TwilioAccountParams, TwilioCreateMessageBody, TwilioErrorSchema, TwilioMessageParams, TwilioMessageSchema } from '../schemas/twilio.js';

/** Twilio's error body: https://www.twilio.com/docs/usage/twilios-response (exceptions). */
export interface TwilioError {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** Clearsend's own code for a compliance block Twilio has no code for (documented in docs/api.md). */
export const CLEARSEND_BLOCKED = 90001;
/** Clearsend's own code for invalid input Twilio has no specific code for. */
export const CLEARSEND_INVALID = 90400;

/** Our statuses in Twilio's vocabulary (Twilio has no `blocked` or `unknown`). */
export const TWILIO_STATUS: Record<MessageStatus, string> = {
  accepted: 'accepted',
  scheduled: 'scheduled',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  blocked: 'failed',
  canceled: 'canceled',
  unknown: 'sending',
};

// Which Twilio error a block reason corresponds to, strongest first.
const BLOCK_CODES: readonly [(code: ReasonCode) => boolean, number, string][] = [
  [(c) => c === 'consent.revoked' || c === 'dnd.sms', 21610, 'Attempt to send to unsubscribed recipient'],
  [(c) => c === 'number.invalid', 21211, "The 'To' number is not a valid phone number."],
  [(c) => c === 'number.landline' || c === 'number.premium_rate', 21614, "'To' number is not a valid mobile number"],
  [(c) => c === 'registration.unregistered_sender', 30034, 'Message from an unregistered number'],
  [(c) => c === 'content.too_long', 21617, 'The concatenated message body exceeds the 1600 character limit'],
  [(c) => c.startsWith('content.'), 30007, 'Message filtered'],
];

function twilioError(code: number, status: number, message: string): TwilioError {
  const moreInfo = code >= 90000 ? 'https://github.com/clearsend/clearsend/blob/main/docs/api.md#twilio-compatible-endpoint' : `https://www.twilio.com/docs/errors/${String(code)}`;
  return { code, message, more_info: moreInfo, status };
}

/** The Twilio error for a blocked message: Twilio's code where one exists, the Clearsend reasons in the message. */
export function blockedError(reasons: readonly Reason[]): TwilioError {
  const blocking = reasons.filter((r) => r.severity === 'block');
  const listed = (blocking.length > 0 ? blocking : reasons).map((r) => `${r.code}: ${r.message}`).join('; ');
  for (const [matches, code, text] of BLOCK_CODES) {
    if (blocking.some((r) => matches(r.code))) return twilioError(code, 400, `${text} (Clearsend blocked the message: ${listed})`);
  }
  return twilioError(CLEARSEND_BLOCKED, 400, `Clearsend blocked the message: ${listed}`);
}

/** RFC 2822 as Twilio writes it: `Thu, 24 Aug 2023 05:01:45 +0000`. */
export function rfc2822(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(d.getTime()) ? String(iso) : d.toUTCString().replace('GMT', '+0000');
}

/** A Clearsend message as Twilio's Message resource; `sid` is the Clearsend message id (SM…). */
export function toTwilioMessage(m: MessageView, accountSid: string): Static<typeof TwilioMessageSchema> {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${m.id}`;
  const blocked = m.status === 'blocked' ? blockedError(m.reasons) : null;
  const errorCode = blocked?.code ?? (m.errorCode === null || !/^\d+$/.test(m.errorCode) ? null : Number(m.errorCode));
  const sentish = m.status === 'sent' || m.status === 'delivered' || m.status === 'undelivered';
  return {
    sid: m.id,
    account_sid: accountSid,
    api_version: '2010-04-01',
    to: m.to,
    from: m.from,
    body: m.body,
    status: TWILIO_STATUS[m.status],
    direction: 'outbound-api',
    num_segments: String(m.segments.count),
    num_media: '0',
    date_created: rfc2822(m.createdAt),
    date_updated: rfc2822(m.updatedAt),
    date_sent: sentish ? rfc2822(m.updatedAt) : null,
    error_code: errorCode,
    error_message: blocked?.message ?? null,
    messaging_service_sid: null,
    price: null,
    price_unit: 'USD',
    uri: `${uri}.json`,
    subresource_uris: { media: `${uri}/Media.json` },
  };
}

/** A failure the handler already knows the Twilio error for. */
class TwilioFailure extends Error {
  constructor(readonly twilio: TwilioError) {
    super(twilio.message);
  }
}

/** Any thrown value as a Twilio error (auth 20003, not found 20404, bad To 21211, internal 20500). */
export function toTwilioError(e: unknown): TwilioError {
  if (e instanceof TwilioFailure) return e.twilio;
  if (e instanceof UserError) {
    switch (e.kind) {
      case 'unauthorized': return twilioError(20003, 401, 'Authenticate');
      case 'not-found': return twilioError(20404, 404, `The requested resource was not found (${e.message})`);
      case 'conflict': return twilioError(CLEARSEND_INVALID, 409, e.message);
      case 'rate-limited': return twilioError(20429, 429, `Too Many Requests (${e.message})`);
      case 'forbidden':
      case 'too-large':
      case 'media-type':
        return twilioError(CLEARSEND_INVALID, httpStatus(e.code), e.message);
      case 'internal': return twilioError(20500, 500, 'Internal Server Error');
      case 'invalid':
      case 'config':
        if (e.field === 'to' || e.field === 'To') return twilioError(21211, 400, `The 'To' number is not a valid phone number. (${e.message})`);
        if (e.field === 'from' || e.field === 'From') return twilioError(21212, 400, `The 'From' number is not a valid phone number. (${e.message})`);
        // Twilio error 21609: Invalid StatusCallback url
        if (e.field === 'statusCallback') return twilioError(21609, 400, `The StatusCallback URL is not valid. (${e.message})`);
        return twilioError(CLEARSEND_INVALID, 400, e.message);
      default: {
        const never: never = e.kind;
        throw new Error(`unhandled ${String(never)}`);
      }
    }
  }
  const problem = toProblem(e);
  if (problem.status === 500) return twilioError(20500, 500, 'Internal Server Error');
  if (problem.body.field === 'To') return twilioError(21211, 400, `The 'To' number is not a valid phone number. (${problem.body.message})`);
  return twilioError(CLEARSEND_INVALID, problem.status, problem.body.message);
}

function twilioErrorHandler(e: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const err = toTwilioError(e);
  if (err.status >= 500) request.log.error({ err: e }, 'twilio-compatible request failed');
  else request.log.info({ code: err.code, status: err.status }, err.message);
  if (err.code === 20003) void reply.header('www-authenticate', 'Basic realm="Clearsend"');
  return reply.status(err.status).type('application/json; charset=utf-8').send(err);
}

function parsePurpose(value: unknown): Purpose {
  if (value === undefined) return 'marketing';
  if (typeof value === 'string' && (PURPOSES as readonly string[]).includes(value)) return value as Purpose;
  throw new UserError('INVALID_INPUT', `Purpose must be one of ${PURPOSES.join(', ')} (got ${JSON.stringify(value)})`, { field: 'Purpose' });
}

/**
 * The Twilio-compatible endpoint: `POST /2010-04-01/Accounts/:AccountSid/Messages.json` (and the
 * matching fetch), HTTP Basic with the account SID and a Clearsend key, Twilio's JSON and error
 * shapes, so an app on the official `twilio` SDK only changes its base URL and credentials.
 */
export function twilioCompatRoutes(app: App, deps: AppDeps, limiter: AuthLimiter): void {
  void app.register((scope: App, _opts, done) => {
    scope.setErrorHandler(twilioErrorHandler);
    scope.addHook('onRequest', async (request: FastifyRequest<{ Params: { AccountSid?: string } }>, reply) => {
      const credentials = parseBasic(request.headers.authorization);
      if (credentials === null) throw new UserError('UNAUTHORIZED', 'missing Basic credentials');
      await limiter.before(request, reply);
      const account = await authenticateBasic(requestDeps(deps, request), credentials.username, credentials.password);
      // A key of one account never reaches another account's URL.
      if (account === null || account.sid !== request.params.AccountSid) {
        await limiter.failed(request, reply, credentials.password);
        throw new UserError('UNAUTHORIZED', 'invalid credentials for this account');
      }
      setAccount(request, account);
    });

    scope.post('/2010-04-01/Accounts/:AccountSid/Messages.json', {
      schema: {
        summary: 'Twilio-compatible Messages create (form-encoded To, From, Body, StatusCallback, SendAt)',
        description: 'HTTP Basic: account SID + Clearsend API key. 201 with Twilio\'s Message resource (`sid` = Clearsend message id); '
          + 'a blocked message answers Twilio\'s error shape: 21610 opted out, 21211 invalid To, 21614 landline, 30034 unregistered sender, 21617 over 1,600 characters, 30007 content, '
          + `${String(CLEARSEND_BLOCKED)} any other Clearsend block; the Clearsend reasons are in \`message\`. Optional Clearsend parameter \`Purpose\` (default marketing).`,
        tags: ['twilio-compatible'],
        security: [{ basic: [] }],
        params: TwilioAccountParams,
        body: TwilioCreateMessageBody,
        response: { 201: TwilioMessageSchema, 400: TwilioErrorSchema, 401: TwilioErrorSchema, 409: TwilioErrorSchema },
      },
    }, async (request, reply) => {
      const body = request.body;
      if (body.To === undefined || body.To === '') throw new TwilioFailure(twilioError(21604, 400, "A 'To' phone number is required."));
      if (body.Body === undefined) throw new TwilioFailure(twilioError(21602, 400, 'Message body is required.'));
      const account = accountOf(request);
      const { message } = await acceptMessage(requestDeps(deps, request), account.accountId, {
        to: body.To,
        body: body.Body,
        purpose: parsePurpose(body.Purpose),
        ...(body.From === undefined || body.From === '' ? {} : { from: body.From }),
        ...(body.SendAt === undefined ? {} : { sendAt: body.SendAt }),
        ...(body.StatusCallback === undefined ? {} : { statusCallback: body.StatusCallback }),
      });
      if (message.status === 'blocked') {
        return reply.status(400).send(blockedError(message.reasons));
      }
      return reply.status(201).send(toTwilioMessage(message, account.sid));
    });

    scope.get('/2010-04-01/Accounts/:AccountSid/Messages/:Sid.json', {
      schema: {
        summary: 'Twilio-compatible Messages fetch',
        tags: ['twilio-compatible'],
        security: [{ basic: [] }],
        params: TwilioMessageParams,
        response: { 200: TwilioMessageSchema, 401: TwilioErrorSchema, 404: TwilioErrorSchema },
      },
    }, async (request) => {
      const account = accountOf(request);
      return toTwilioMessage(await getMessage(requestDeps(deps, request), account.accountId, request.params.Sid), account.sid);
    });
    done();
  });
}
