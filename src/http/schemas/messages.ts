import { Type, type Static } from '@sinclair/typebox';
import { MESSAGE_STATUSES } from '../../store/message-status.js';
import { VERDICTS } from '../../core/types.js';
import { MessageListSchema, MessageWithEventsSchema } from '../../services/index.js';
import { IsoDateTime, literals, MessageSchema, PhoneString, PurposeSchema, ReasonSchema, SegmentsSchema, strict } from './common.js';

/** `POST /v1/messages`. */
export const SendMessageBody = Type.Object({
  to: PhoneString,
  from: Type.Optional(PhoneString),
  body: Type.String({ maxLength: 4096, description: 'The text; autofix may amend it' }),
  purpose: PurposeSchema,
  sendAt: Type.Optional(IsoDateTime),
  autofix: Type.Optional(Type.Boolean({ description: 'Apply safe fixes (opt-out language, smart encoding) before deciding' })),
  idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Same key and body: the same answer, no second message' })),
  statusCallback: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048, description: 'URL told of every status change' })),
}, strict);
export type SendMessageBody = Static<typeof SendMessageBody>;

/** The answer to `POST /v1/messages`: 202 when queued or scheduled, 422 (same shape) when blocked. */
export const AcceptedMessage = MessageSchema;

export const MessageWithEvents = MessageWithEventsSchema;

export const ListMessagesQuery = Type.Object({
  status: Type.Optional(literals(MESSAGE_STATUSES)),
  to: Type.Optional(PhoneString),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: 'a whole number from 1 to 200 (default 50)' })),
}, strict);
export type ListMessagesQuery = Static<typeof ListMessagesQuery>;

export const MessageList = MessageListSchema;

export const MessageIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, strict);
export type MessageIdParams = Static<typeof MessageIdParams>;

/** A stateless decision (`POST /v1/evaluate`; core/types.ts Decision). */
export const DecisionSchema = Type.Object({
  verdict: literals(VERDICTS),
  reasons: Type.Array(ReasonSchema),
  sendAt: Type.Optional(Type.String()),
  body: Type.String(),
  segments: SegmentsSchema,
  ruleSetVersion: Type.String(),
  facts: Type.Object({
    to: Type.Optional(Type.String({ description: 'The recipient in E.164, when the number parsed' })),
    timezones: Type.Array(Type.String()),
    states: Type.Array(Type.String()),
    consent: Type.Optional(Type.Object({ index: Type.Integer(), id: Type.Optional(Type.String()) }, strict)),
    appliedRules: Type.Array(Type.String()),
  }, strict),
}, { ...strict, title: 'Decision' });
