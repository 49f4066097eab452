import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTwilioInboundParams, parseTwilioStatusParams } from './twilio-webhook.js';

function fixture(name: string): Record<string, string> {
  const body = readFileSync(new URL(`../../../test/fixtures/twilio/${name}`, import.meta.url), 'utf8');
  return Object.fromEntries(new URLSearchParams(body));
}

describe('parseTwilioStatusParams', () => {
  it.each([
    [
      'status-callback-sent.txt',
      { providerMessageId: 'SM1342fe1b2c904d1ab04f0fc7a58abca9', accountSid: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', status: 'sent' },
    ],
    [
      'status-callback-undelivered.txt',
      {
        providerMessageId: 'SMd9c7a53a4b3d4c1d8e1f2a3b4c5d6e7f',
        accountSid: 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        status: 'undelivered',
        errorCode: '30003',
      },
    ],
    ['inbound-stop.txt', null],
  ])('%s', (name, expected) => {
    expect(parseTwilioStatusParams(fixture(name))).toEqual(expected);
  });

  it.each([
    ['https://clearsend.example/webhooks/twilio/status?accountSid=AC1&mid=SMours', 'SMours'],
    ['/webhooks/twilio/status?mid=SMrel', 'SMrel'],
    ['https://clearsend.example/webhooks/twilio/status', undefined],
    ['::not a url', undefined],
  ])('reads our message id from the callback URL %s', (url, messageId) => {
    expect(parseTwilioStatusParams({ MessageSid: 'SM1', MessageStatus: 'sent' }, url)?.messageId).toBe(messageId);
  });

  it.each([
    ['legacy names only', { SmsSid: 'SM1', SmsStatus: 'delivered' }, { providerMessageId: 'SM1', status: 'delivered' }],
    ['ErrorCode 0 is no error', { MessageSid: 'SM1', MessageStatus: 'delivered', ErrorCode: '0' }, { providerMessageId: 'SM1', status: 'delivered' }],
    ['failed with code', { MessageSid: 'SM1', MessageStatus: 'failed', ErrorCode: '30034' }, { providerMessageId: 'SM1', status: 'failed', errorCode: '30034' }],
    ['read maps to delivered', { MessageSid: 'SM1', MessageStatus: 'read' }, { providerMessageId: 'SM1', status: 'delivered' }],
    ['unknown status', { MessageSid: 'SM1', MessageStatus: 'exploded' }, null],
    ['no sid', { MessageStatus: 'sent' }, null],
    ['empty sid', { MessageSid: '', MessageStatus: 'sent' }, null],
    ['empty body', {}, null],
  ])('%s', (_name, params: Record<string, string>, expected) => {
    expect(parseTwilioStatusParams(params)).toEqual(expected);
  });
});

describe('parseTwilioInboundParams', () => {
  it('parses the inbound STOP fixture with Advanced Opt-Out', () => {
    expect(parseTwilioInboundParams(fixture('inbound-stop.txt'))).toEqual({
      providerMessageId: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
      accountSid: 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      from: '+15558675310',
      to: '+15017122661',
      body: 'STOP',
      optOutType: 'STOP',
    });
  });

  it.each([
    ['status callback is not inbound', fixture('status-callback-sent.txt'), null],
    ['no From', { MessageSid: 'SM1', To: '+1', Body: 'x' }, null],
    ['no To', { MessageSid: 'SM1', From: '+1', Body: 'x' }, null],
    ['no sid', { From: '+1', To: '+2', Body: 'x' }, null],
    ['legacy SmsMessageSid, no Body (MMS only)', { SmsMessageSid: 'MM1', From: '+1', To: '+2' }, { providerMessageId: 'MM1', from: '+1', to: '+2', body: '' }],
    ['lower-case OptOutType', { MessageSid: 'SM1', From: '+1', To: '+2', Body: 'start', OptOutType: 'start' }, { providerMessageId: 'SM1', from: '+1', to: '+2', body: 'start', optOutType: 'START' }],
    ['unknown OptOutType dropped', { MessageSid: 'SM1', From: '+1', To: '+2', Body: 'x', OptOutType: 'MAYBE' }, { providerMessageId: 'SM1', from: '+1', to: '+2', body: 'x' }],
    ['body kept verbatim', { MessageSid: 'SM1', From: '+1', To: '+2', Body: '  Stop please ' }, { providerMessageId: 'SM1', from: '+1', to: '+2', body: '  Stop please ' }],
  ])('%s', (_name, params: Record<string, string>, expected) => {
    expect(parseTwilioInboundParams(params)).toEqual(expected);
  });

  it('never throws on arbitrary forms', () => {
    const key = fc.constantFrom('MessageSid', 'SmsSid', 'MessageStatus', 'SmsStatus', 'From', 'To', 'Body', 'ErrorCode', 'OptOutType', 'AccountSid', '__proto__', 'constructor');
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(key, fc.string()), fc.string()), (params) => {
        parseTwilioInboundParams(params);
        parseTwilioStatusParams(params);
      }),
    );
  });
});
