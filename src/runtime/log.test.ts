import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPhones, redactLogValue } from './log.js';

function capture(level: 'info' | 'debug'): { log: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({ write(chunk: Buffer, _enc, cb) { chunks.push(chunk.toString()); cb(); } });
  const log = createLogger({ level, destination });
  return { log, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('maskPhones', () => {
  it.each([
    ['+12125550123', '+1212***0123'],
    ['to +447700900123 and +12125550123', 'to +4477***0123 and +1212***0123'],
    ['/v1/contacts/%2B12125550123/consent', '/v1/contacts/%2B1212***0123/consent'],
    ['+1234567', '+*****67'],
    ['order 10125550123', 'order 10125550123'],
    ['/v1/contacts/2125550123', '/v1/contacts/212***0123'],
    ['/v1/contacts/12125550123?x=1', '/v1/contacts/1212***0123?x=1'],
    ['/v1/contacts/%28212%29%20555-0123', '/v1/contacts/212***0123'],
    ['/v1/contacts/%2B1%20212%20555%200123', '/v1/contacts/%2B1212***0123'],
    ['call (212) 555-0123 or 212.555.0124', 'call 212***0123 or 212***0124'],
    ['+1 (212) 555-0123', '+1212***0123'],
    ['+44 20 7946 0958', '+4420***0958'],
    ['sent to +12125550123 at 2026-12-07T16:26:38.123Z', 'sent to +1212***0123 at 2026-12-07T16:26:38.123Z'],
    ['request 123e4567-e89b-12d3-a456-426614174000 from 203.0.113.7', 'request 123e4567-e89b-12d3-a456-426614174000 from 203.0.113.7'],
    ['no numbers here', 'no numbers here'],
  ])('%s → %s', (input, expected) => {
    expect(maskPhones(input)).toBe(expected);
  });

  it('never leaves the middle digits of an E.164 number', () => {
    fc.assert(fc.property(fc.stringMatching(/^[1-9]\d{9,14}$/), (digits) => {
      const masked = maskPhones(`x +${digits} y`);
      expect(masked).not.toContain(digits);
      expect(masked).toContain(digits.slice(-4));
    }));
  });
});

describe('createLogger', () => {
  it('masks phone numbers and leaves bodies out at info', () => {
    const { log, lines } = capture('info');
    log.info({ to: '+12125550123', body: 'Your code is 123456', nested: { from: '+12015550100', text: 'secret' } }, 'sent to +12125550123');
    const [line] = lines();
    expect(line).toMatchObject({ to: '+1212***0123', body: '[19 chars omitted]', nested: { from: '+1201***0100', text: '[6 chars omitted]' }, msg: 'sent to +1212***0123' });
    expect(JSON.stringify(line)).not.toContain('123456');
  });

  it('keeps bodies at debug (phones still masked)', () => {
    const { log, lines } = capture('debug');
    log.debug({ body: 'Hi +12125550123' }, 'x');
    expect(lines()[0]).toMatchObject({ body: 'Hi +1212***0123' });
  });

  it('survives cyclic objects', () => {
    const a: Record<string, unknown> = { to: '+12125550123' };
    a.self = a;
    expect(() => redactLogValue(a, false)).not.toThrow();
  });
});

describe('error messages', () => {
  it('are masked in the err serializer, message and stack alike', () => {
    const { log, lines } = capture('info');
    log.error({ err: new Error('"(212) 555-0123" is not +12125550123') }, 'failed for 2125550123');
    const line = JSON.stringify(lines()[0]);
    expect(line).not.toMatch(/555-0123|5550123/);
    expect(lines()[0]).toMatchObject({ msg: 'failed for 212***0123', err: { message: '"212***0123" is not +1212***0123' } });
  });
});

describe('request logs', () => {
  it('mask the phone in a request URL and keep the response status', () => {
    const { log, lines } = capture('info');
    log.info({ req: { method: 'GET', url: '/v1/contacts/%2B12125550123', headers: { authorization: 'Bearer cs_x' } }, res: { statusCode: 200 } }, 'r');
    expect(lines()[0]).toMatchObject({ req: { method: 'GET', url: '/v1/contacts/%2B1212***0123' }, res: { statusCode: 200 } });
    expect(JSON.stringify(lines()[0])).not.toContain('cs_x');
  });
});
