/**
 * Does an opt-in say what the texts will be about? CTIA Messaging Principles & Best Practices 2023
 * §5.1.1 asks the call-to-action to describe the messages, and Twilio rejects campaigns whose CTA
 * does not state their purpose (error 30544, https://www.twilio.com/docs/api/errors/30544).
 * A heuristic: a purpose is one of
 *  - a message noun with a subject: "texts from Keystone Realty about new listings";
 *  - a kind of message: "appointment reminders", "order updates", "policy renewal notices";
 *  - a topic that needs no noun: "new listings", "deals and offers", "your prescription refills";
 *  - "text me when my order ships", "remind me of my appointments".
 * "texts", "updates", "alerts" or "messages" alone say nothing about the content and do not count.
 */

const MSG = String.raw`(?:msgs?|messages?|texts?|txts?|sms|alerts?|notifications?|updates?|reminders?|notices?)`;

/** Where the texts go, not what they say: "texts on your mobile phone", "messages at this number". */
const NOT_A_SUBJECT = String.raw`(?!(?:the|your|this|that|my|a|our)\s+(?:mobile\s+|cell\s+|wireless\s+)?(?:phone|number|device|cell|mobile)\b)`;

/** "messages [from <brand>] about <subject>": the brand is at most 60 characters, within one sentence. */
const ABOUT = String.raw`\b${MSG}\b(?:\s+from\s+[^.;:!?\n]{1,60}?)?\s+(?:about|regarding|concerning|re:|(?:related|relating|pertaining)\s+to|on|including|such\s+as|like)\s+${NOT_A_SUBJECT}\p{L}`;

/** "appointment reminders", "order updates", "open house invites". */
const KIND = String.raw`\b(?:appointment|order|delivery|shipping|shipment|tracking|account|listing|new[\s-]listing|property|home|showing|open[\s-]house|price[\s-](?:drop|change|reduction)|policy|claim|coverage|premium|billing|bill|payment|marketing|promotional|event|security|fraud|service|prescription|refill|renewal|reservation|booking|flight|travel|class|school|weather|emergency|job|product|sale|coupon|deal|discount|promo|loyalty|reward|verification|login|donation|volunteer)s?\s+(?:reminders?|updates?|alerts?|notifications?|msgs?|messages?|texts?|offers?|confirmations?|promotions?|codes?|invit(?:e|ation)s?|notices?|status|changes?)\b`;

/** Topics that describe the texts on their own. "event" or "offers" alone do not ("in the event of", "Acme offers texts"). */
const TOPIC = String.raw`\b(?:(?:new[\s-])?listings|open[\s-]houses?|price[\s-](?:drops?|reductions?|changes?|cuts?)|(?:home|property|virtual)\s+tours?|showings|appointments?|deals|(?:special|exclusive|personali[sz]ed|limited[\s-]time|member|promotional|seasonal|new|latest)\s+offers|offers\s+(?:and|&)\s+(?:deals|promotions|discounts|coupons|sales)|coupons?|discounts?|promotions|promos|(?:flash|seasonal|holiday)\s+sales?|new\s+arrivals|back[\s-]in[\s-]stock|restocks?|(?:upcoming|local|special|community|sales?|member)\s+events|prescription\s+refills?|policy\s+renewals?|test\s+results|(?:verification|security|login|one[\s-]time)\s+(?:pass)?codes?|two[\s-]factor|school\s+(?:closings?|closures?)|(?:class|schedule)\s+(?:changes?|cancell?ations?))\b`;

/**
 * "for your order", "about my prescriptions": only after a preposition, because "by placing your
 * order" or "when you open your account" is how a form asks, not what the texts say.
 */
const YOUR = String.raw`\b(?:about|regarding|for|on|of|with)\s+(?:your|my)\s+(?:upcoming\s+|next\s+|recent\s+|current\s+)?(?:orders?|deliver(?:y|ies)|shipments?|packages?|prescriptions?|refills?|policy|policies|claims?|coverage|premiums?|bills?|payments?|account|reservations?|bookings?|flights?|classes|appointments?|visits?|stay)\b`;

/** "text me when my order ships", "remind me of my appointments", "we'll text you about …". */
const WHEN = String.raw`\b(?:text|message|notify|alert|remind|contact)\s+(?:me|you|us)\s+(?:when|if|before|about|of|regarding)\s+${NOT_A_SUBJECT}\p{L}`;

/** Any one of the shapes above; global, so callers can skip a match (e.g. inside the brand name) and look on. */
export const PURPOSE_PATTERN = new RegExp(`${ABOUT}|${KIND}|${TOPIC}|${YOUR}|${WHEN}`, 'giu');
