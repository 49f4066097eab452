/** What every area uses: the dependencies a service takes, phone and timestamp parsing, the outbox deliverer, the schema building blocks. Areas import its files directly; the layers above go through services/index.ts. */
export { type Clock, type Logger, type OutboundPost, type OutboundResult, type PostOutbound, type ServiceDeps } from './deps.js';
export { attemptOutcome, type AttemptOutcome, type DeliverOptions, deliverOutboxOnce } from './outbox.js';
export { requirePhone } from './phones.js';
export { LineTypeSchema, literals, MessageStatusSchema, OpenMap, OrNull, PurposeSchema, ReasonSchema, SegmentsSchema, SpanSchema, strict } from './shapes.js';
export { requireTimestamp } from './timestamps.js';
