import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler, type ValueError } from '@sinclair/typebox/compiler';
import type { EvaluateRequest } from '../../core/policy.js';
import { canonicalTimeZone, regionCode } from '../../core/recipient-fields.js';
import { parseTimestamp, TIMESTAMP_DESCRIPTION } from '../../core/timestamp.js';
import { DNC_SOURCES } from '../../core/do-not-call.js';
import { REVOCATION_SCOPES } from '../../core/revocation-scope.js';
import { CONSENT_CHANNELS, LINE_TYPES, PURPOSES } from '../../core/types.js';
import { UserError } from '../../errors.js';

/** Edge schemas for the evaluate request (CLI `evaluate --json`, HTTP `POST /v1/evaluate`). */
const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ minLength: 1, maxLength: 64, description: TIMESTAMP_DESCRIPTION });
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const ConsentRecordSchema = Type.Object({
  id: Type.Optional(Type.String()),
  channel: literals(CONSENT_CHANNELS),
  purposes: Type.Array(literals(PURPOSES), { minItems: 1 }),
  method: Type.String({ minLength: 1 }),
  written: Type.Boolean(),
  grantedAt: IsoDate,
  revokedAt: Type.Optional(IsoDate),
  revokedPurposes: Type.Optional(Type.Array(literals(PURPOSES), { minItems: 1 })),
  evidence: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
}, strict);

export const EvaluateRequestSchema = Type.Object({
  now: IsoDate,
  message: Type.Object({
    to: Type.String({ minLength: 1 }),
    from: Type.Optional(Type.String()),
    body: Type.String(),
    purpose: literals(PURPOSES),
  }, strict),
  sender: Type.Object({
    brandName: Type.String({ minLength: 1 }),
    brandAliases: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    registered: Type.Boolean(),
    usableFrom: Type.Optional(IsoDate),
  }, strict),
  recipient: Type.Optional(Type.Object({
    timezone: Type.Optional(Type.String({ minLength: 1 })),
    state: Type.Optional(Type.String({ minLength: 2, maxLength: 2 })),
    lineType: Type.Optional(literals(LINE_TYPES)),
    dnd: Type.Optional(Type.Boolean()),
    doNotCall: Type.Optional(Type.Object({ source: literals(DNC_SOURCES) }, strict)),
  }, strict)),
  consent: Type.Array(ConsentRecordSchema),
  history: Type.Optional(Type.Object({
    messagesSent: Type.Integer({ minimum: 0 }),
    lastOptOutNoticeAt: Type.Optional(IsoDate),
    sentLast24h: Type.Optional(Type.Integer({ minimum: 0 })),
    recentSends: Type.Optional(Type.Array(IsoDate)),
  }, strict)),
  autofix: Type.Optional(Type.Boolean()),
  policy: Type.Optional(Type.Object({
    quietHours: Type.Optional(Type.Object({
      federalPurposes: Type.Optional(Type.Array(literals(PURPOSES))),
      window: Type.Optional(Type.Object({
        start: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
        end: Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' }),
      }, strict)),
      honourConsentExemptions: Type.Optional(Type.Boolean()),
      standardTimeReading: Type.Optional(literals(['both', 'literal'])),
    }, strict)),
    optOutKeywords: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    texasSolicitation: Type.Optional(Type.Object({
      registrationNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      registeredOn: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })),
      consentExemption: Type.Optional(Type.Boolean()),
    }, strict)),
    doNotCall: Type.Optional(Type.Object({ writtenConsentOverridesNational: Type.Optional(Type.Boolean()) }, strict)),
    revocationScope: Type.Optional(literals(REVOCATION_SCOPES)),
  }, strict)),
}, strict);

export type EvaluateRequestJson = Static<typeof EvaluateRequestSchema>;

const checker = TypeCompiler.Compile(EvaluateRequestSchema);

/** `/message/to` → `message.to`; array indices stay as `[0]`. */
export function fieldPath(pointer: string): string {
  return pointer.split('/').filter(Boolean).reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`), '');
}

function describeSchemaError(error: ValueError): { field: string; message: string } {
  const field = fieldPath(error.path) || '(request)';
  if (error.message.startsWith('Expected required property')) return { field, message: `${field} is required` };
  if (error.message === 'Unexpected property') return { field, message: `${field} is not a known field` };
  const schema: TSchema = error.schema;
  if (Array.isArray(schema.anyOf)) {
    const options = (schema.anyOf as { const?: unknown }[]).map((s) => JSON.stringify(s.const)).join(', ');
    return { field, message: `${field} must be one of ${options} (got ${JSON.stringify(error.value)})` };
  }
  return { field, message: `${field}: ${error.message.toLowerCase()} (got ${error.value === undefined ? 'nothing' : JSON.stringify(error.value)})` };
}

function checkDates(request: EvaluateRequestJson): { field: string; message: string } | undefined {
  const dates: [string, string | undefined][] = [
    ['now', request.now],
    ['sender.usableFrom', request.sender.usableFrom],
    ['history.lastOptOutNoticeAt', request.history?.lastOptOutNoticeAt],
    ...request.consent.flatMap((c, i): [string, string | undefined][] => [[`consent[${i}].grantedAt`, c.grantedAt], [`consent[${i}].revokedAt`, c.revokedAt]]),
    ...(request.history?.recentSends ?? []).map((t, i): [string, string] => [`history.recentSends[${i}]`, t]),
  ];
  for (const [field, value] of dates) {
    const parsed = value === undefined ? undefined : parseTimestamp(value);
    if (parsed !== undefined && !parsed.ok) return { field, message: `${field} ${parsed.problem}` };
  }
  return undefined;
}

/**
 * Validates an evaluate request from JSON. Throws `UserError('INVALID_INPUT')` naming the first
 * bad field; returns the typed request for `evaluate`.
 */
export function parseEvaluateRequest(input: unknown): EvaluateRequest {
  const first = checker.Errors(input).First();
  if (first !== undefined) {
    const { field, message } = describeSchemaError(first);
    throw new UserError('INVALID_INPUT', message, { field });
  }
  const request = input as EvaluateRequestJson;
  const badDate = checkDates(request);
  if (badDate !== undefined) throw new UserError('INVALID_INPUT', badDate.message, { field: badDate.field });
  const window = request.policy?.quietHours?.window;
  if (window !== undefined && !(window.start < window.end && window.start < '21:00' && window.end > '08:00')) {
    throw new UserError('INVALID_INPUT', `policy.quietHours.window ${window.start}–${window.end} must be a start before an end that overlaps the federal window 08:00–21:00 (it can only narrow it)`, { field: 'policy.quietHours.window' });
  }
  const zone = request.recipient?.timezone;
  if (zone !== undefined && canonicalTimeZone(zone) === undefined) {
    throw new UserError('INVALID_INPUT', `recipient.timezone is not an IANA time zone (got ${JSON.stringify(zone)}); use e.g. "America/Chicago"`, { field: 'recipient.timezone' });
  }
  const state = request.recipient?.state;
  if (state !== undefined && regionCode(state) === undefined) {
    throw new UserError('INVALID_INPUT', `recipient.state is not a US state, territory or Canadian province code (got ${JSON.stringify(state)})`, { field: 'recipient.state' });
  }
  return request as EvaluateRequest;
}
