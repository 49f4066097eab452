import { Type, type Static } from '@sinclair/typebox';
import type { ConsentRecord } from '../../core/consent.js';
import { DNC_SOURCES } from '../../core/do-not-call.js';
import { CONSENT_CHANNELS, PURPOSES } from '../../core/types.js';
import type { ConsentEventRow } from '../../store/consents.js';
import type { ContactRow } from '../../store/contacts.js';
import { CONSENT_EVENT_KINDS } from '../../store/message-status.js';
import type { NumberRow } from '../../store/numbers.js';
import { literals, OpenMap, OrNull, strict } from '../shared/shapes.js';

/** A sender number as the API shows it. */
export const NumberViewSchema = Type.Object({
  phone: Type.String(),
  provider: Type.String(),
  registered: Type.Boolean(),
  campaignId: OrNull(Type.String()),
  usableFrom: OrNull(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}, { ...strict, title: 'Number' });
export type NumberView = Static<typeof NumberViewSchema>;

/** A contact as the API shows it. */
export const ContactViewSchema = Type.Object({
  phone: Type.String(),
  timezone: OrNull(Type.String()),
  state: OrNull(Type.String()),
  lineType: OrNull(Type.String()),
  dnd: Type.Boolean(),
  dndCause: OrNull(Type.String()),
  dndAt: OrNull(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}, { ...strict, title: 'Contact' });
export type ContactView = Static<typeof ContactViewSchema>;

/** One consent-ledger event as the API shows it. */
export const ConsentEventViewSchema = Type.Object({
  id: Type.String(),
  kind: literals(CONSENT_EVENT_KINDS),
  channel: literals(CONSENT_CHANNELS),
  purposes: Type.Array(literals(PURPOSES)),
  method: Type.String(),
  written: Type.Boolean(),
  occurredAt: Type.String(),
  recordedAt: Type.String(),
  evidence: OpenMap({ description: 'What the caller recorded as proof (docs/consent.md)' }),
}, { ...strict, title: 'ConsentEvent' });
export type ConsentEventView = Static<typeof ConsentEventViewSchema>;

/** A consent record derived from the ledger (core/consent.ts ConsentRecord, instants as ISO 8601). */
export const ConsentRecordViewSchema = Type.Object({
  id: Type.Optional(Type.String()),
  channel: literals(CONSENT_CHANNELS),
  purposes: Type.Array(literals(PURPOSES)),
  method: Type.String(),
  written: Type.Boolean(),
  grantedAt: Type.String(),
  revokedAt: Type.Optional(Type.String()),
  revokedPurposes: Type.Optional(Type.Array(literals(PURPOSES))),
  evidence: Type.Optional(OpenMap()),
}, { ...strict, title: 'ConsentRecord' });
export type ConsentRecordView = Static<typeof ConsentRecordViewSchema>;

/** A contact with one page of its ledger (newest first) and the consent derived from the whole ledger. */
export const ContactDetailSchema = Type.Composite([ContactViewSchema, Type.Object({
  consentEvents: Type.Array(ConsentEventViewSchema),
  consentEventsNextCursor: Type.Optional(Type.String()),
  consent: Type.Array(ConsentRecordViewSchema),
})], { ...strict, title: 'ContactDetail' });
export type ContactDetail = Static<typeof ContactDetailSchema>;

/** An entry of the account's do-not-call list as the API shows it. */
export const DoNotCallViewSchema = Type.Object({
  phone: Type.String(),
  source: literals(DNC_SOURCES, {
    description: '`national`: the account scrubbed it against the National Do Not Call Registry; `internal`: the person asked the account not to contact them',
  }),
  note: OrNull(Type.String()),
  addedAt: Type.String(),
}, { ...strict, title: 'DoNotCallEntry' });
export type DoNotCallView = Static<typeof DoNotCallViewSchema>;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const instant = (d: Date | string): string => (typeof d === 'string' ? d : d.toISOString());

/** Row → view. */
export function toNumberView(row: NumberRow): NumberView {
  return {
    phone: row.phone,
    provider: row.provider,
    registered: row.registered,
    campaignId: row.campaignId,
    usableFrom: iso(row.usableFrom),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Row → view. */
export function toContactView(row: ContactRow): ContactView {
  return {
    phone: row.phone,
    timezone: row.timezone,
    state: row.state,
    lineType: row.lineType,
    dnd: row.dnd,
    dndCause: row.dndCause,
    dndAt: iso(row.dndAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Row → view. */
export function toConsentEventView(row: ConsentEventRow): ConsentEventView {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    purposes: row.purposes,
    method: row.method,
    written: row.written,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    evidence: row.evidence,
  };
}

/** Derived record → view: the same JSON the record serializes to, with the instants typed as strings. */
export function toConsentRecordView(record: ConsentRecord): ConsentRecordView {
  const { grantedAt, revokedAt, purposes, revokedPurposes, ...rest } = record;
  return {
    ...rest,
    purposes: [...purposes],
    grantedAt: instant(grantedAt),
    ...(revokedAt === undefined ? {} : { revokedAt: instant(revokedAt) }),
    ...(revokedPurposes === undefined ? {} : { revokedPurposes: [...revokedPurposes] }),
  };
}

/** A hand-recorded opt-out (POST /v1/contacts/:phone/revoke): its ledger event, the messages it canceled and the FCC deadline it met. */
export const RevocationViewSchema = Type.Object({
  event: ConsentEventViewSchema,
  canceled: Type.Integer({ description: 'Queued and scheduled messages canceled' }),
  deadline: Type.String({ description: 'The FCC 10-business-day limit (47 CFR 64.1200(a)(10))' }),
}, { ...strict, title: 'Revocation' });
export type RevocationView = Static<typeof RevocationViewSchema>;
