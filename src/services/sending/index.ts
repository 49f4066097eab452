/** Accepting, dispatching and tracking texts: accept, dispatch, scheduler, reconciler, sent check, status updates and callbacks, inbound replies, message reads. Other areas import it only through this file, the layers above through services/index.ts. */
export { type AcceptInput, acceptMessage, acceptMessages, type AcceptOutcome } from './accept.js';
export { DEFAULT_CLAIM_BATCH, DEFAULT_LEASE_MS, dispatchOnce, type DispatchOptions } from './dispatch.js';
export { handleInbound } from './inbound.js';
export { cancelMessage, getMessage, listMessages } from './messages.js';
export { reconcileOnce } from './reconciler.js';
export { scheduleOnce } from './scheduler.js';
export { checkSentOnce, SENT_CHECK_AFTER_MS, SENT_FINAL_DEADLINE_MS, SENT_NO_FINAL_STATUS } from './sent-check.js';
export { deliverStatusCallbacksOnce } from './status-forward.js';
export { handleStatus } from './status.js';
export { type MessageEventView, MessageListSchema, type MessageView, MessageViewSchema, MessageWithEventsSchema } from './views.js';
