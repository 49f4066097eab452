import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { httpStatus, UserError } from '../errors.js';

/** The JSON body of every non-2xx answer of /v1 and the webhooks. */
export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

/** What went wrong with a request, as a status and a body; never leaks internals. */
export interface Problem {
  status: number;
  body: ErrorBody;
  /** true: our fault (logged at error with the stack); false: the client's (logged at info). */
  internal: boolean;
}

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
  /** With ajv's `verbose`: the schema the failing keyword belongs to. */
  parentSchema?: { description?: unknown };
}

const CONTEXT_PREFIX: Record<string, string> = { body: '', querystring: 'query', params: 'params', headers: 'headers' };

/** `/message/to` → `message.to`, `/purposes/0` → `purposes[0]`, with the request part as prefix. */
function fieldName(context: string | undefined, instancePath: string, child?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (typeof child === 'string') parts.push(child);
  const path = parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc === '' ? p : `${acc}.${p}`), '');
  const prefix = CONTEXT_PREFIX[context ?? 'body'] ?? context ?? '';
  if (path === '') return prefix === '' ? '(body)' : prefix;
  return prefix === '' ? path : `${prefix}.${path}`;
}

/** Turns the first schema-validation error into a message naming the field and what it must be. */
export function describeValidation(errors: readonly AjvError[], context: string | undefined): { field: string; message: string } {
  const e = errors[0] ?? {};
  const params = e.params ?? {};
  const path = e.instancePath ?? '';
  switch (e.keyword) {
    case 'required': {
      const field = fieldName(context, path, params.missingProperty);
      return { field, message: `${field} is required` };
    }
    case 'additionalProperties': {
      const field = fieldName(context, path, params.additionalProperty);
      return { field, message: `${field} is not a known field` };
    }
    case 'enum': {
      const field = fieldName(context, path);
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String).join(', ') : 'the documented values';
      return { field, message: `${field} must be one of ${allowed}` };
    }
    case 'pattern': {
      const field = fieldName(context, path);
      const description = e.parentSchema?.description;
      return { field, message: `${field} must be ${typeof description === 'string' ? description : 'in the documented format (see /openapi.json)'}` };
    }
    default: {
      const field = fieldName(context, path);
      if (field === '(body)' && e.keyword === 'type') return { field, message: `the request body must be a JSON ${typeof params.type === 'string' ? params.type : 'object'}` };
      return { field, message: `${field} ${e.message ?? 'is invalid'}` };
    }
  }
}

const FASTIFY_CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

const STATUS_ERRORS: Record<number, string> = { 403: 'FORBIDDEN', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE' };

function isFastifyError(e: unknown): e is FastifyError {
  return e instanceof Error && 'code' in e;
}

/** The 4xx status an error carries (`statusCode` or `status`, as Fastify and http-errors set them), or null. */
function clientStatus(e: unknown): number | null {
  if (!(e instanceof Error)) return null;
  const { statusCode, status } = e as { statusCode?: unknown; status?: unknown };
  const value = typeof statusCode === 'number' ? statusCode : status;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : null;
}

/**
 * Classifies any thrown value: UserError → its HTTP status; schema validation → 400 naming the
 * field; any other error carrying a 4xx status → that status; anything else → 500.
 */
export function toProblem(e: unknown): Problem {
  if (e instanceof UserError) {
    const status = httpStatus(e.code);
    return { status, internal: false, body: { error: e.code, message: e.message, ...(e.field === undefined ? {} : { field: e.field }) } };
  }
  if (isFastifyError(e)) {
    if (Array.isArray(e.validation)) {
      const { field, message } = describeValidation(e.validation, e.validationContext);
      return { status: 400, internal: false, body: { error: 'INVALID_INPUT', message, field } };
    }
  }
  // Fastify's own client errors (bad JSON, 413, 415) and http-errors style ones from plugins such as
  // @fastify/static's file sender (400 for a malformed path, 403 outside the root), which carry no code.
  const status = clientStatus(e);
  if (status !== null) {
    const code = isFastifyError(e) ? e.code : '';
    const error = FASTIFY_CLIENT_ERRORS[code] ?? STATUS_ERRORS[status] ?? 'INVALID_INPUT';
    return { status, internal: false, body: { error, message: (e as Error).message } };
  }
  return { status: 500, internal: true, body: { error: 'INTERNAL', message: 'internal error; it has been logged' } };
}

/** Logs a problem: client errors at info without a stack, our own at error with it. */
export function logProblem(request: FastifyRequest, e: unknown, problem: Problem): void {
  if (problem.internal) request.log.error({ err: e }, 'request failed');
  else request.log.info({ status: problem.status, error: problem.body.error, field: problem.body.field }, problem.body.message);
}

/** The app-wide Fastify error handler (STYLE.md §3). */
export function errorHandler(e: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(e);
  logProblem(request, e, problem);
  if (problem.internal) problem.body.message = `internal error; it has been logged with request id ${request.id}`;
  return reply.status(problem.status).type('application/json; charset=utf-8').send(problem.body);
}
