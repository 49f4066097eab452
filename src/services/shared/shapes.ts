import { Type, type TSchema } from '@sinclair/typebox';
import { LINE_TYPES, PURPOSES, REASON_CODES, SEVERITIES, type Sev0Tier } from '../../core/types.js';
import { MESSAGE_STATUSES } from '../../store/message-status.js';

/**
 * The pieces every API shape is built from. The shapes are TypeBox schemas so that one declaration
 * gives the HTTP validation, the response serializer, the OpenAPI document and the service's type
 * (`Static<typeof S>`). Response objects are closed: the serializer writes only what is declared.
 */
export const strict = { additionalProperties: false } as const;

/**
 * One of a closed list of strings, as a JSON-schema `enum` (ajv then names the allowed values, and
 * the response serializer treats it as a plain string).
 */
export const literals = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/** `T | null`. */
export const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A JSON object whose keys are the caller's own (evidence, event details): genuinely open. */
export const OpenMap = (options: { description?: string } = {}) => Type.Record(Type.String(), Type.Unknown(), options);

export const PurposeSchema = literals(PURPOSES, { description: 'Why the text is sent; mixed content counts as marketing' });
export const LineTypeSchema = literals(LINE_TYPES);
export const MessageStatusSchema = literals(MESSAGE_STATUSES);

export const SpanSchema = Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() }, strict);

/** One finding of the rules (core/types.ts Reason). */
export const ReasonSchema = Type.Object({
  code: literals(REASON_CODES),
  severity: literals(SEVERITIES),
  message: Type.String(),
  fix: Type.Optional(Type.String()),
  span: Type.Optional(SpanSchema),
  sev0Tier: Type.Optional(Type.Unsafe<Sev0Tier>(Type.Integer({ enum: [1, 2, 3], description: 'T-Mobile Sev-0 tier' }))),
  until: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String()),
}, { ...strict, title: 'Reason' });

export const SegmentsSchema = Type.Object({
  encoding: literals(['GSM-7', 'UCS-2'] as const),
  count: Type.Integer(),
  units: Type.Integer(),
}, { ...strict, title: 'Segments' });
