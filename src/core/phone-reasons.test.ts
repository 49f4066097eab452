import { describe, expect, it } from 'vitest';
import { parsePhone } from './phone.js';
import { isFictionalNanp, phoneReasons } from './phone-reasons.js';

function reasonsOf(input: string): string[] {
  const p = parsePhone(input);
  if (!p.valid) throw new Error(`expected a valid number: ${p.error}`);
  return phoneReasons(p).map((r) => `${r.code}:${r.severity}`);
}

describe('phoneReasons', () => {
  it.each<[string, string[]]>([
    ['+1 415 555 2671', []],
    ['+1 212 456 1234', []],
    ['+1 800 234 5678', []],
    // NANPA's fictional block is 555-0100 through 555-0199, in any area code.
    ['+1 212 555 0099', []],
    ['+1 212 555 0100', ['number.fictional:warn']],
    ['(604) 555-0150', ['number.fictional:warn']],
    ['+1 212 555 0199', ['number.fictional:warn']],
    ['+1 212 555 0200', []],
    ['+1 212 555 1212', []],
    ['+1 900 234 5678', ['number.premium_rate:block']],
    ['+1 900 555 0100', ['number.premium_rate:block', 'number.fictional:warn']],
    ['+1 500 234 5678', ['number.personal:warn']],
    ['+1 588 234 5678', ['number.personal:warn']],
    ['+1 622 234 5678', ['number.personal:warn']],
    ['+44 20 7183 8750', []],
  ])('%s → %j', (input, expected) => {
    expect(reasonsOf(input)).toEqual(expected);
  });

  it('says what the number is and what to do', () => {
    const p = parsePhone('+19002345678');
    if (!p.valid) throw new Error(p.error);
    expect(phoneReasons(p)[0]).toMatchObject({ message: expect.stringMatching(/^\+1 900 234 5678 is a premium-rate \(900\)/) as unknown, fix: expect.any(String) as unknown });
  });

  it.each([
    ['+12125550100', true],
    ['+12125550199', true],
    ['+12125550200', false],
    ['+1212555010', false],
    ['+442125550100', false],
  ])('isFictionalNanp(%s) = %s', (e164, expected) => {
    expect(isFictionalNanp(e164)).toBe(expected);
  });
});
