import { describe, expect, it } from 'vitest';
import type { Reason } from './dashboard-types.js';
import { isAboutTheText, textBlocks } from './text-checks.js';

// `string`: the rows include codes a newer server may send that this dashboard does not know yet
const reason = (code: string, severity: Reason['severity'] = 'block'): Reason => ({ code: code as Reason['code'], severity, message: code });

describe('textBlocks', () => {
  it('keeps the blocks that come from the words of the text', () => {
    const reasons = [
      reason('content.url_shortener'), reason('optout.language_missing'), reason('sender.identification_missing'),
      reason('consent.missing'), reason('quiet_hours', 'defer'), reason('number.landline'), reason('registration.unregistered_sender'),
      reason('dnd.sms'), reason('rate.state_daily_cap', 'defer'), reason('content.caps', 'warn'),
    ];
    expect(textBlocks(reasons).map((r) => r.code)).toEqual(['content.url_shortener', 'optout.language_missing', 'sender.identification_missing']);
  });

  it('counts a code it does not know as about the text (the safe side for "Use this text")', () => {
    expect(isAboutTheText(reason('content.something_new'))).toBe(true);
    expect(isAboutTheText(reason('brand.new_rule'))).toBe(true);
    expect(isAboutTheText(reason('quiet_hours'))).toBe(false);
    expect(isAboutTheText(reason('consent.recheck_due'))).toBe(false);
  });
});
