import { Type, type Static } from '@sinclair/typebox';
import { VERDICTS } from '../../core/types.js';
import type { MessageEventRow } from '../../store/message-events.js';
import type { MessageRow } from '../../store/messages.js';
import { literals, MessageStatusSchema, OpenMap, OrNull, PurposeSchema, ReasonSchema, strict } from '../shared/shapes.js';

/** A message as the API shows it. */
export const MessageViewSchema = Type.Object({
  id: Type.String({ description: '`SM` + 32 hex digits' }),
  accountSid: Type.String(),
  to: Type.String(),
  from: OrNull(Type.String()),
  body: Type.String(),
  purpose: PurposeSchema,
  status: MessageStatusSchema,
  verdict: literals(VERDICTS),
  reasons: Type.Array(ReasonSchema),
  sendAt: Type.Optional(Type.String({ description: 'When a deferred or caller-scheduled message is due' })),
  segments: Type.Object({ encoding: literals(['GSM-7', 'UCS-2'] as const), count: Type.Integer() }, strict),
  errorCode: OrNull(Type.String()),
  providerMessageId: OrNull(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}, { ...strict, title: 'Message' });
export type MessageView = Static<typeof MessageViewSchema>;

/** One state transition of a message. */
export const MessageEventViewSchema = Type.Object({
  status: MessageStatusSchema,
  at: Type.String(),
  reason: OrNull(Type.String()),
  detail: OrNull(OpenMap({ description: 'What the transition recorded (reasons, runAt, provider error…)' })),
}, { ...strict, title: 'MessageEvent' });
export type MessageEventView = Static<typeof MessageEventViewSchema>;

/** A message with its state transitions, oldest first (GET /v1/messages/:id). */
export const MessageWithEventsSchema = Type.Composite([MessageViewSchema, Type.Object({
  events: Type.Array(MessageEventViewSchema),
})], { ...strict, title: 'MessageWithEvents' });

/** One page of messages, newest first. */
export const MessageListSchema = Type.Object({
  messages: Type.Array(MessageViewSchema),
  nextCursor: Type.Optional(Type.String()),
}, { ...strict, title: 'MessageList' });

/** Row → view; `sendAt` is the instant a deferred or caller-scheduled message is due. */
export function toMessageView(row: MessageRow, accountSid: string): MessageView {
  const d = row.decision.decision;
  const view: MessageView = {
    id: row.id,
    accountSid,
    to: row.toPhone,
    from: row.fromPhone,
    body: row.body,
    purpose: row.purpose,
    status: row.status,
    verdict: row.verdict,
    reasons: d.reasons,
    segments: { encoding: d.segments.encoding, count: d.segments.count },
    errorCode: row.errorCode,
    providerMessageId: row.providerMessageId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  const sendAt = d.sendAt ?? row.decision.requestedSendAt;
  if (sendAt !== undefined) view.sendAt = sendAt;
  return view;
}

/** Row → view. */
export function toMessageEventView(row: MessageEventRow): MessageEventView {
  return { status: row.status, at: row.at.toISOString(), reason: row.reason, detail: row.detail };
}
