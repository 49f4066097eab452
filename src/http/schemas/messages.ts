import { Type, type Static } from '@sinclair/typebox';
import { MESSAGE_STATUSES } from '../../store/message-status.js';
import { IsoDateTime, literals, MessageSchema, PhoneString, PurposeSchema, ReasonSchema, strict } from './common.js';

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

export const MessageWithEvents = Type.Intersect([
  MessageSchema,
  Type.Object({
    events: Type.Array(Type.Object({
      status: Type.String(),
      at: Type.String(),
      reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }, { additionalProperties: true })),
  }),
]);

export const ListMessagesQuery = Type.Object({
  status: Type.Optional(literals(MESSAGE_STATUSES)),
  to: Type.Optional(PhoneString),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: 'a whole number from 1 to 200 (default 50)' })),
}, strict);
export type ListMessagesQuery = Static<typeof ListMessagesQuery>;

export const MessageList = Type.Object({
  messages: Type.Array(MessageSchema),
  nextCursor: Type.Optional(Type.String()),
});

export const MessageIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, strict);
export type MessageIdParams = Static<typeof MessageIdParams>;

/** A stateless decision (`POST /v1/evaluate`). */
export const DecisionSchema = Type.Object({
  verdict: Type.String({ enum: ['allow', 'defer', 'block'] }),
  reasons: Type.Array(ReasonSchema),
  sendAt: Type.Optional(Type.String()),
  body: Type.String(),
  segments: Type.Object({ encoding: Type.String(), count: Type.Integer(), units: Type.Integer() }),
  ruleSetVersion: Type.String(),
  facts: Type.Object({}, { additionalProperties: true }),
}, { additionalProperties: true });
