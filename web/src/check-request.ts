/**
 * Builds the POST /v1/evaluate request of the "check a text" page from what the browser can read
 * (the account, the recipient's contact record, the sender number) and says, in words, what it had
 * to assume. Pure: `now` is an argument. The server builds the real request at send time from its
 * own records (src/services/sending/context.ts), so the page lists where the two can differ.
 */
import { PURPOSES, type Account, type ConsentRecordJson, type Contact, type Purpose, type SenderNumber } from './dashboard-types.js';

const LINE_TYPES = ['mobile', 'landline', 'voip', 'toll_free', 'unknown'];

/** What the page knows when it asks for a decision. */
export interface CheckInput {
  now: Date;
  body: string;
  to: string;
  purpose: Purpose;
  autofix: boolean;
  account: Account | null;
  /** The recipient's record; `null` when the account has none for this number. */
  contact: Contact | null;
  /** The sender picked on the page; `null` to let the service pick one at send time. */
  sender: SenderNumber | null;
  /** Every sender number of the account (used when none is picked). */
  numbers: readonly SenderNumber[];
}

/** The JSON body of POST /v1/evaluate (src/http/schemas/evaluate.ts). */
export interface EvaluateRequestJson {
  now: string;
  message: { to: string; from?: string; body: string; purpose: Purpose };
  sender: { brandName: string; brandAliases?: string[]; registered: boolean; usableFrom?: string };
  recipient?: { timezone?: string; state?: string; lineType?: string; dnd?: boolean };
  consent: {
    id?: string; channel: string; purposes: Purpose[]; method: string; written: boolean;
    grantedAt: string; revokedAt?: string; evidence?: Record<string, unknown>;
  }[];
  history: { messagesSent: number };
  autofix: boolean;
}

/** The request and the assumptions behind it, one sentence each. */
export interface CheckRequest {
  request: EvaluateRequestJson;
  assumptions: string[];
}

/** The brand name the evaluate schema needs when the account has none (it must not be empty). */
export const UNKNOWN_BRAND = 'Your brand';

/** See the module comment. */
export function buildCheckRequest(input: CheckInput): CheckRequest {
  const assumptions: string[] = [];
  const brandName = input.account?.brandName.trim() ?? '';
  if (brandName === '') assumptions.push(`The account has no brand name yet, so "${UNKNOWN_BRAND}" stands in for it: set it on the account.`);
  else assumptions.push(`Brand name "${brandName}" comes from the account: the text must name it.`);

  const sender = input.sender ?? pickLikelySender(input.numbers);
  const senderJson: EvaluateRequestJson['sender'] = { brandName: brandName === '' ? UNKNOWN_BRAND : brandName, registered: sender?.registered ?? false };
  const aliases = input.account?.brandAliases.filter((a) => a.trim() !== '') ?? [];
  if (aliases.length > 0) senderJson.brandAliases = aliases;
  if (sender?.usableFrom != null) senderJson.usableFrom = sender.usableFrom;
  if (input.sender !== null) {
    assumptions.push(`Sent from ${input.sender.phone}, ${input.sender.registered ? 'registered' : 'not registered'}.`);
  } else if (sender !== null) {
    assumptions.push(`No sender picked: judged as if sent from ${sender.phone} (${sender.registered ? 'registered' : 'not registered'}); the service picks the sender when it sends.`);
  } else {
    assumptions.push('The account has no sender number, so the sender counts as unregistered.');
  }

  const message: EvaluateRequestJson['message'] = { to: input.to.trim(), body: input.body, purpose: input.purpose };
  if (input.sender !== null) message.from = input.sender.phone;

  const request: EvaluateRequestJson = {
    now: input.now.toISOString(),
    message,
    sender: senderJson,
    consent: [],
    history: { messagesSent: 0 },
    autofix: input.autofix,
  };

  const contact = input.contact;
  if (contact === null) {
    assumptions.push('No contact record for this number: no consent on file, and the time zone comes from the area code.');
  } else {
    const recipient: NonNullable<EvaluateRequestJson['recipient']> = { dnd: contact.dnd };
    if (contact.timezone !== null) recipient.timezone = contact.timezone;
    if (contact.state !== null) recipient.state = contact.state;
    if (contact.lineType !== null && LINE_TYPES.includes(contact.lineType)) recipient.lineType = contact.lineType;
    request.recipient = recipient;
    request.consent = contact.consent.map(toRequestConsent);
    const n = contact.consent.length;
    assumptions.push(`Contact record found: ${n === 0 ? 'no consent records' : `${n} consent record${n === 1 ? '' : 's'}`}${contact.timezone === null ? ', time zone from the area code' : `, time zone ${contact.timezone}`}.`);
  }
  assumptions.push('Checked as the first text to this recipient (so the opt-out notice is required); the real send also counts earlier texts and state daily caps.');
  return { request, assumptions };
}

/**
 * A derived consent record as the evaluate schema takes it. A revocation with no grant before it (a
 * STOP from someone never opted in) is derived with no purposes, which the schema refuses (minItems 1):
 * an opt-out covers every purpose, so it is sent with all of them and still reads as revoked.
 */
export function toRequestConsent(record: ConsentRecordJson): EvaluateRequestJson['consent'][number] {
  const purposes: Purpose[] = record.purposes.length === 0 && record.revokedAt !== undefined ? [...PURPOSES] : [...record.purposes];
  return { ...record, purposes };
}

/** The sender the service would most likely use: the first registered number, else the first one. */
export function pickLikelySender(numbers: readonly SenderNumber[]): SenderNumber | null {
  return numbers.find((n) => n.registered) ?? numbers[0] ?? null;
}

/** Whether a typed recipient looks complete enough to ask about (the server validates it properly). */
export function looksLikePhone(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 10 && digits.length <= 15 && /^\+?[\d\s().-]+$/.test(value.trim());
}
