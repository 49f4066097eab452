import { Type, type Static } from '@sinclair/typebox';
import { CONSENT_METHODS, REVOCATION_METHODS } from '../../core/consent-evidence.js';
import { CONSENT_CHANNELS, PURPOSES } from '../../core/types.js';
import { REGION_ZONES } from '../../data/region-zones.js';
import { IsoDateTime, LineTypeSchema, literals, PhoneString, strict } from './common.js';

export const PhoneParams = Type.Object({ phone: PhoneString }, strict);
export type PhoneParams = Static<typeof PhoneParams>;

/** GET /v1/contacts/:phone: one page of the consent ledger (digit strings: query values are never coerced). */
export const ContactQuery = Type.Object({
  limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: 'a whole number from 1 to 200 (default 50)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
}, strict);

const Evidence = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Who, when, how: formUrl, formTextSha256 (or formText), checkbox, ip, userAgent; or the reply\'s inboundMessageId/providerMessageId; '
    + 'or documentRef, recordingRef, source/sourceRef. Written marketing consent without the fields its method needs is kept but does not cover marketing (docs/consent.md). At most 16 KB of JSON (UTF-8).',
});

/** `PUT /v1/contacts/:phone`. */
export const PutContactBody = Type.Object({
  // the service checks the zone against the runtime's Intl data too (core/recipient-fields.ts)
  timezone: Type.Optional(Type.String({
    minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$', description: 'an IANA time zone name, e.g. America/Chicago',
  })),
  state: Type.Optional(literals(Object.keys(REGION_ZONES), { description: 'US state, DC, US territory or Canadian province code, e.g. NY' })),
  lineType: Type.Optional(LineTypeSchema),
  dnd: Type.Optional(Type.Boolean({ description: 'SMS do-not-disturb' })),
}, strict);
export type PutContactBody = Static<typeof PutContactBody>;

/** `POST /v1/contacts/:phone/consent`: the core's consent record shape; grantedAt defaults to now. */
export const ConsentBody = Type.Object({
  channel: literals(CONSENT_CHANNELS),
  purposes: Type.Array(literals(PURPOSES), { minItems: 1, maxItems: 3 }),
  method: literals(CONSENT_METHODS, { description: 'How consent was captured; docs/consent.md lists the evidence each method needs for marketing' }),
  written: Type.Boolean({ description: 'Prior express written consent (TCPA, 47 CFR 64.1200(f)(9))' }),
  grantedAt: Type.Optional(IsoDateTime),
  evidence: Evidence,
}, strict);
export type ConsentBody = Static<typeof ConsentBody>;

/** `POST /v1/contacts/:phone/revoke`: an opt-out recorded by hand (e.g. asked for on a call). */
export const RevokeBody = Type.Object({
  evidence: Evidence,
  purposes: Type.Optional(Type.Array(literals(PURPOSES), {
    minItems: 1, maxItems: 3,
    description: 'What the person asked to stop (default: everything), recorded as given. An opt-out stops every text unless the account set '
      + 'settings.consent.revocationScope to named_purposes: then, until 2027-01-31, it stops these purposes and marketing only (docs/consent.md)',
  })),
  method: Type.Optional(literals(REVOCATION_METHODS, { description: 'How the opt-out reached you (default manual)' })),
}, strict);
export type RevokeBody = Static<typeof RevokeBody>;

export { ContactDetailSchema, ContactViewSchema as ContactSchema, ConsentEventViewSchema, RevocationViewSchema } from '../../services/index.js';
