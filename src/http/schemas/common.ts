import { type TSchema, Type } from '@sinclair/typebox';
import { TIMESTAMP_DESCRIPTION, TIMESTAMP_PATTERN } from '../../core/timestamp.js';
import { LINE_TYPES, PURPOSES, REASON_CODES, SEVERITIES, VERDICTS } from '../../core/types.js';
import { ERROR_CODES } from '../../error-catalogue.js';
import { MESSAGE_STATUSES } from '../../store/message-status.js';

/** Shared pieces of the HTTP schemas. Request objects refuse unknown fields so typos are named. */
export const strict = { additionalProperties: false } as const;

/**
 * One of a closed list of strings, as a JSON-schema `enum` (ajv then names the allowed values, and
 * the response serializer treats it as a plain string).
 */
export const literals = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/**
 * An instant with its zone (core/timestamp.ts, whose parser the services apply too: the pattern
 * cannot see that 2026-02-30 is no date or that a year is out of range).
 */
export const IsoDateTime = Type.String({ pattern: TIMESTAMP_PATTERN, maxLength: 64, description: TIMESTAMP_DESCRIPTION });
export const PhoneString = Type.String({ minLength: 1, maxLength: 32, description: 'Phone number, E.164 preferred (+12125550123)' });
export const PurposeSchema = literals(PURPOSES, { description: 'Why the text is sent; mixed content counts as marketing' });
export const LineTypeSchema = literals(LINE_TYPES);
export const MessageStatusSchema = literals(MESSAGE_STATUSES);

/** `{ error, message, field? }`: every non-2xx JSON answer of /v1. */
export const ErrorSchema = Type.Object({
  error: Type.String({ description: `One of ${ERROR_CODES.join(', ')} (docs/api.md, "Error codes")` }),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'The input field at fault, e.g. `body.to`' })),
});

export const ReasonSchema = Type.Object({
  code: literals(REASON_CODES),
  severity: literals(SEVERITIES),
  message: Type.String(),
  fix: Type.Optional(Type.String()),
  span: Type.Optional(Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() })),
  sev0Tier: Type.Optional(Type.Integer()),
  until: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String()),
});

export const SegmentsSchema = Type.Object({
  encoding: Type.String({ description: 'GSM-7 or UCS-2' }),
  count: Type.Integer(),
  units: Type.Optional(Type.Integer()),
});

/** A stored message as the API shows it (extra fields pass through). */
export const MessageSchema = Type.Object({
  id: Type.String({ description: '`SM` + 32 hex digits' }),
  accountSid: Type.Optional(Type.String()),
  to: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  purpose: PurposeSchema,
  status: MessageStatusSchema,
  verdict: literals(VERDICTS),
  reasons: Type.Array(ReasonSchema),
  sendAt: Type.Optional(Type.String()),
  segments: SegmentsSchema,
  errorCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  providerMessageId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  createdAt: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String()),
}, { additionalProperties: true });

/** Standard error answers, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));
}
