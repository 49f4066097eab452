import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProviderStatus } from '../provider.js';
import { isTwilioMessageStatus, mapTwilioStatus, TWILIO_MESSAGE_STATUSES } from './twilio-status.js';

describe('mapTwilioStatus', () => {
  const table: [string, ProviderStatus | null][] = [
    ['accepted', 'queued'],
    ['scheduled', 'queued'],
    ['queued', 'queued'],
    ['sending', 'sending'],
    ['sent', 'sent'],
    ['receiving', null],
    ['received', null],
    ['delivered', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
    ['read', 'delivered'],
    ['canceled', 'failed'],
    ['partially_delivered', 'delivered'],
    // unknown values
    ['', null],
    ['DELIVERED', null],
    ['cancelled', null],
    ['toString', null],
    ['__proto__', null],
  ];
  it.each(table)('%j → %j', (twilio, expected) => {
    expect(mapTwilioStatus(twilio)).toBe(expected);
  });

  it('covers every status of the enum exactly once in the table', () => {
    const tabled = table.map(([s]) => s).filter(isTwilioMessageStatus);
    expect([...tabled].sort()).toEqual([...TWILIO_MESSAGE_STATUSES].sort());
  });

  it('maps any string outside the enum to null', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!(TWILIO_MESSAGE_STATUSES as readonly string[]).includes(s));
        expect(mapTwilioStatus(s)).toBeNull();
      }),
    );
  });
});
