import { type TSchema, Type } from '@sinclair/typebox';
import { TIMESTAMP_DESCRIPTION, TIMESTAMP_PATTERN } from '../../core/timestamp.js';
import { ERROR_CODES } from '../../error-catalogue.js';
import { strict } from '../../services/index.js';

/**
 * Shared pieces of the HTTP schemas. Request objects refuse unknown fields so typos are named; the
 * response shapes live with the services (services/<area>/views.ts) and are re-exported here.
 */
export { LineTypeSchema, literals, MessageStatusSchema, OpenMap, OrNull, PurposeSchema, ReasonSchema, SegmentsSchema, strict } from '../../services/index.js';
export { MessageViewSchema as MessageSchema } from '../../services/index.js';

/**
 * An instant with its zone (core/timestamp.ts, whose parser the services apply too: the pattern
 * cannot see that 2026-02-30 is no date or that a year is out of range).
 */
export const IsoDateTime = Type.String({ pattern: TIMESTAMP_PATTERN, maxLength: 64, description: TIMESTAMP_DESCRIPTION });
export const PhoneString = Type.String({ minLength: 1, maxLength: 32, description: 'Phone number, E.164 preferred (+12125550123)' });

/** `{ error, message, field? }`: every non-2xx JSON answer of /v1. */
export const ErrorSchema = Type.Object({
  error: Type.String({ description: `One of ${ERROR_CODES.join(', ')} (docs/api.md, "Error codes")` }),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'The input field at fault, e.g. `body.to`' })),
}, { ...strict, title: 'Error' });

/** Standard error answers, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));
}
