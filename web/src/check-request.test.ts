import { describe, expect, it } from 'vitest';
import { buildCheckRequest, looksLikePhone, pickLikelySender, toRequestConsent, UNKNOWN_BRAND, type CheckInput } from './check-request.js';
import type { Contact, SenderNumber } from './dashboard-types.js';

const now = new Date('2026-03-04T15:00:00Z');
const registered: SenderNumber = { phone: '+12125550100', registered: true, usableFrom: '2026-01-01T00:00:00.000Z' };
const unregistered: SenderNumber = { phone: '+12125550199', registered: false, usableFrom: null };
const contact: Contact = {
  phone: '+13125550123', timezone: 'America/Chicago', state: 'IL', lineType: 'mobile', dnd: false,
  consent: [{ id: '7', channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-02T00:00:00.000Z', evidence: { ip: '203.0.113.9' } }],
};
const base: CheckInput = {
  now, body: 'Acme Realty: your showing is at 3pm. Reply STOP to opt out.', to: ' +13125550123 ', purpose: 'informational', autofix: true,
  account: { brandName: 'Acme Realty', brandAliases: ['Acme'] }, contact: null, sender: null, numbers: [unregistered, registered],
};

describe('buildCheckRequest', () => {
  it('fills the request from the account, the picked sender and the contact', () => {
    const { request } = buildCheckRequest({ ...base, contact, sender: registered });
    expect(request).toEqual({
      now: '2026-03-04T15:00:00.000Z',
      message: { to: '+13125550123', from: '+12125550100', body: base.body, purpose: 'informational' },
      sender: { brandName: 'Acme Realty', brandAliases: ['Acme'], registered: true, usableFrom: '2026-01-01T00:00:00.000Z' },
      recipient: { dnd: false, timezone: 'America/Chicago', state: 'IL', lineType: 'mobile' },
      consent: contact.consent,
      history: { messagesSent: 0 },
      autofix: true,
    });
  });

  it.each<[string, Partial<CheckInput>, (a: string[]) => boolean]>([
    ['no contact', { contact: null }, (a: string[]) => a.some((s) => s.startsWith('No contact record'))],
    ['no brand', { account: { brandName: ' ', brandAliases: [] } }, (a: string[]) => a.some((s) => s.includes(UNKNOWN_BRAND))],
    ['no sender picked', { sender: null }, (a: string[]) => a.some((s) => s.includes('judged as if sent from +12125550100'))],
    ['no numbers at all', { sender: null, numbers: [] }, (a: string[]) => a.some((s) => s.includes('no sender number'))],
    ['contact without zone', { contact: { ...contact, timezone: null, consent: [] } }, (a: string[]) => a.some((s) => s.includes('no consent records, time zone from the area code'))],
  ])('says what it assumed: %s', (_name, change, check) => {
    expect(check(buildCheckRequest({ ...base, ...change }).assumptions)).toBe(true);
  });

  it('uses a stand-in brand (the schema needs one) and no from when the service picks the sender', () => {
    const { request } = buildCheckRequest({ ...base, account: null, numbers: [unregistered] });
    expect(request.sender).toEqual({ brandName: UNKNOWN_BRAND, registered: false });
    expect(request.message.from).toBeUndefined();
    expect(request.recipient).toBeUndefined();
  });

  it('drops a line type the API does not know', () => {
    const { request } = buildCheckRequest({ ...base, contact: { ...contact, lineType: 'pager' } });
    expect(request.recipient).toEqual({ dnd: false, timezone: 'America/Chicago', state: 'IL' });
  });
});

describe('toRequestConsent', () => {
  it.each([
    ['a bare revocation gets every purpose', { channel: 'sms', purposes: [], method: 'keyword', written: false, grantedAt: 't', revokedAt: 't' }, ['marketing', 'informational', 'transactional']],
    ['a grant keeps its purposes', { channel: 'sms', purposes: ['informational'], method: 'web_form', written: true, grantedAt: 't' }, ['informational']],
    ['a revoked grant keeps its purposes', { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: 't', revokedAt: 'u' }, ['marketing']],
  ] as const)('%s', (_name, record, want) => {
    expect(toRequestConsent({ ...record, purposes: [...record.purposes] }).purposes).toEqual(want);
  });
});

describe('pickLikelySender', () => {
  it.each([
    [[unregistered, registered], registered],
    [[unregistered], unregistered],
    [[], null],
  ] as const)('%j → %j', (numbers, want) => { expect(pickLikelySender(numbers)).toEqual(want); });
});

describe('looksLikePhone', () => {
  it.each([
    ['+12125550123', true], ['(212) 555-0123', true], ['212 555 0123', true], ['+4915112345678', true],
    ['', false], ['555-0123', false], ['+1212555012a', false], ['1234567890123456', false],
  ])('%s → %s', (value, want) => { expect(looksLikePhone(value)).toBe(want); });
});
