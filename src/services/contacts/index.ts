/** Contacts, the consent ledger, sender numbers and the do-not-call list. Other areas import it only through this file, the layers above through services/index.ts. */
export { CONSENT_EVENTS_DEFAULT, CONSENT_EVENTS_MAX, getContact, putContact, recordConsent, revokeConsent, revokeInTx } from './consent.js';
export { addDoNotCall, DNC_BATCH_MAX, type DoNotCallView, listDoNotCall, removeDoNotCall } from './do-not-call.js';
export { listNumbers, putNumber } from './numbers.js';
export { type ConsentEventView, ConsentEventViewSchema, type ConsentRecordView, type ContactDetail, ContactDetailSchema, type ContactView, ContactViewSchema, DoNotCallViewSchema, type NumberView, NumberViewSchema, RevocationViewSchema, toContactView } from './views.js';
