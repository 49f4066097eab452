import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendRequest, SendResult } from '../provider.js';
import { computeTwilioSignature } from './twilio-signature.js';
import { createTwilioProvider, parseRetryAfter } from './twilio.js';

const SID = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const TOKEN = 'test_auth_token';
const BASIC = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;

function fixture(name: string): string {
  return readFileSync(new URL(`../../../test/fixtures/twilio/${name}`, import.meta.url), 'utf8');
}

const request: SendRequest = {
  messageId: 'SM00000000000000000000000000000001',
  accountSid: 'AC11111111111111111111111111111111',
  from: '+15017122661',
  to: '+15558675310',
  body: 'Hi & welcome = 100% 👍',
  statusCallback: 'https://clearsend.example/webhooks/twilio/status?x=1',
};

const never = new AbortController().signal;

describe('createTwilioProvider: the outgoing request (injected fetch)', () => {
  interface Captured { url: string; init: RequestInit | undefined }
  function capture(response: Response): { captured: Captured[]; fetch: typeof fetch } {
    const captured: Captured[] = [];
    const f = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      captured.push({ url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init });
      return Promise.resolve(response);
    };
    return { captured, fetch: f };
  }

  it('POSTs the form to Messages.json with Basic auth', async () => {
    const { captured, fetch } = capture(new Response(fixture('message-create.txt'), { status: 201 }));
    const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch });
    const result = await provider.send(request, never);
    expect(result).toEqual({ kind: 'accepted', providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(captured).toHaveLength(1);
    const { url, init } = captured[0]!;
    expect(url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({
      Authorization: BASIC,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    });
    expect(init?.body).toBe(
      'To=%2B15558675310&From=%2B15017122661&Body=Hi+%26+welcome+%3D+100%25+%F0%9F%91%8D' +
        '&StatusCallback=https%3A%2F%2Fclearsend.example%2Fwebhooks%2Ftwilio%2Fstatus%3Fx%3D1',
    );
    expect(init?.signal).toBe(never);
  });

  it('omits StatusCallback when none is given and honours baseUrl (trailing slash trimmed)', async () => {
    const { captured, fetch } = capture(new Response(fixture('message-create.txt'), { status: 201 }));
    const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch, baseUrl: 'http://127.0.0.1:9/' });
    const { statusCallback: _omit, ...noCallback } = request;
    await provider.send(noCallback, never);
    expect(captured[0]!.url).toBe(`http://127.0.0.1:9/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(captured[0]!.init?.body).toBe('To=%2B15558675310&From=%2B15017122661&Body=Hi+%26+welcome+%3D+100%25+%F0%9F%91%8D');
  });

  it('GETs Messages/{sid}.json for fetchStatus', async () => {
    const { captured, fetch } = capture(new Response(fixture('message-fetch-undelivered.txt'), { status: 200 }));
    const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch });
    const result = await provider.fetchStatus('SMb7c0a2ce80504485a6f653a7110836f5', never);
    expect(result).toEqual({ kind: 'found', status: 'undelivered', errorCode: '30003' });
    expect(captured[0]!.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages/SMb7c0a2ce80504485a6f653a7110836f5.json`);
    expect(captured[0]!.init?.method).toBe('GET');
    expect(captured[0]!.init?.headers).toEqual({ Authorization: BASIC, Accept: 'application/json' });
  });

  it('turns a thrown fetch (network error) into transient', async () => {
    const fetch = (() => Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNRESET') }))) as typeof globalThis.fetch;
    const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch });
    expect(await provider.send(request, never)).toEqual({ kind: 'transient', message: 'Twilio request failed: TypeError: fetch failed: ECONNRESET' });
    expect((await provider.fetchStatus('SM1', never)).kind).toBe('transient');
  });
});

describe('createTwilioProvider against a local server answering with Twilio payloads', () => {
  const seen: { method: string; url: string; auth: string | undefined; contentType: string | undefined; body: string }[] = [];
  interface Answer { status: number; body: string; headers?: Record<string, string> }
  const json = (status: number, body: string, headers: Record<string, string> = {}): Answer => ({
    status,
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  /** Twilio's documented answers, chosen by path and by the To number's suffix; null = never answer. */
  function route(method: string, path: string, auth: string | undefined, body: string): Answer | null {
    if (auth !== BASIC) return json(401, fixture('error-20003.txt'));
    if (method === 'POST' && path === `/2010-04-01/Accounts/${SID}/Messages.json`) {
      const to = new URLSearchParams(body).get('To') ?? '';
      if (to.endsWith('21610')) return json(400, fixture('error-21610.txt'));
      if (to.endsWith('0429')) return json(429, fixture('error-20429.txt'), { 'retry-after': '7' });
      if (to.endsWith('0430')) return json(429, fixture('error-20429.txt'));
      if (to.endsWith('0500')) return { status: 500, body: '<html>Internal Server Error</html>', headers: { 'content-type': 'text/html' } };
      if (to.endsWith('0503')) {
        return json(503, '{"code":20500,"message":"Service Unavailable","status":503}', { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' });
      }
      if (to.endsWith('0418')) return json(400, 'not json');
      if (to.endsWith('0201')) return json(201, '{}');
      if (to.endsWith('0999')) return null;
      return json(201, fixture('message-create.txt'));
    }
    if (method === 'GET' && path === `/2010-04-01/Accounts/${SID}/Messages/SMb7c0a2ce80504485a6f653a7110836f5.json`) {
      return json(200, fixture('message-fetch-undelivered.txt'));
    }
    if (method === 'GET' && path.endsWith('/Messages/SMinbound.json')) {
      return json(200, JSON.stringify({ ...(JSON.parse(fixture('message-create.txt')) as object), status: 'received' }));
    }
    if (method === 'GET' && path.endsWith('/Messages/SMboom.json')) return json(500, '{}');
    return json(404, fixture('error-20404.txt'));
  }
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const method = req.method ?? '';
      const url = req.url ?? '';
      seen.push({ method, url, auth: req.headers.authorization, contentType: req.headers['content-type'], body });
      const answer = route(method, url, req.headers.authorization, body);
      if (answer !== null) res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  let baseUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  });
  const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
  const provider = (token = TOKEN) => createTwilioProvider({ accountSid: SID, authToken: token, baseUrl, fetch, clock });
  const to = (suffix: string): SendRequest => ({ ...request, to: `+1555867${suffix}` });

  it.each<[string, string, SendResult]>([
    ['201 create', '5310', { kind: 'accepted', providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }],
    ['400 21610', '21610', { kind: 'rejected', code: '21610', message: 'Attempt to send to unsubscribed recipient' }],
    ['400 without JSON', '0418', { kind: 'rejected', code: 'HTTP_400', message: 'Twilio answered HTTP 400' }],
    ['429 with Retry-After seconds', '0429', { kind: 'transient', message: 'Twilio answered HTTP 429 code 20429: Too Many Requests', retryAfterMs: 7000 }],
    ['429 without Retry-After', '0430', { kind: 'transient', message: 'Twilio answered HTTP 429 code 20429: Too Many Requests' }],
    ['500 HTML', '0500', { kind: 'transient', message: 'Twilio answered HTTP 500' }],
    ['503 with an HTTP-date Retry-After', '0503', { kind: 'transient', message: 'Twilio answered HTTP 503 code 20500: Service Unavailable', retryAfterMs: 30_000 }],
    ['201 without a sid', '0201', { kind: 'transient', message: 'Twilio answered 201 without a message sid' }],
  ])('send: %s', async (_name, suffix, expected) => {
    expect(await provider().send(to(suffix), never)).toEqual(expected);
    const last = seen.at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(last.body))).toEqual({
      To: `+1555867${suffix}`,
      From: request.from,
      Body: request.body,
      StatusCallback: request.statusCallback,
    });
  });

  it('send: 401 20003 with a wrong token is rejected', async () => {
    expect(await provider('wrong').send(to('5310'), never)).toEqual({ kind: 'rejected', code: '20003', message: 'Authentication Error - invalid username' });
  });

  it('send: a request that times out (AbortSignal) is transient', async () => {
    const result = await provider().send(to('0999'), AbortSignal.timeout(100));
    expect(result.kind).toBe('transient');
    expect(result.kind === 'transient' && result.message).toMatch(/TimeoutError/);
  });

  it('send: connection refused is transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => { resolve(); }));
    const p = createTwilioProvider({ accountSid: SID, authToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, fetch });
    expect((await p.send(request, never)).kind).toBe('transient');
  });

  it.each([
    ['200 undelivered with error_code', 'SMb7c0a2ce80504485a6f653a7110836f5', { kind: 'found', status: 'undelivered', errorCode: '30003' }],
    ['404 20404', 'SMdeadbeefdeadbeefdeadbeefdeadbeef', { kind: 'not_found' }],
    ['500', 'SMboom', { kind: 'transient', message: 'Twilio answered HTTP 500' }],
    ['inbound status', 'SMinbound', { kind: 'transient', message: 'Twilio message SMinbound has status "received"' }],
  ])('fetchStatus: %s', async (_name, sid, expected) => {
    expect(await provider().fetchStatus(sid, never)).toEqual(expected);
    expect(seen.at(-1)!.method).toBe('GET');
  });
});

describe('Twilio webhooks through the provider', () => {
  const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch });
  const url = 'https://clearsend.example/webhooks/twilio/status';
  const params = Object.fromEntries(new URLSearchParams(fixture('status-callback-undelivered.txt')));
  const signature = computeTwilioSignature(TOKEN, url, params);

  it.each([
    ['valid', { 'x-twilio-signature': signature }, true],
    ['wrong signature', { 'x-twilio-signature': computeTwilioSignature('other', url, params) }, false],
    ['simulator header is not accepted', { 'x-simulator-signature': signature }, false],
    ['no header', {}, false],
  ])('verifySignature: %s', (_name, headers: Record<string, string>, expected) => {
    expect(provider.verifySignature({ url, headers, params })).toBe(expected);
  });

  it('parseStatus / parseInbound read the fixtures', () => {
    const headers = {};
    expect(provider.parseStatus({ url, headers, params })?.errorCode).toBe('30003');
    const inbound = Object.fromEntries(new URLSearchParams(fixture('inbound-stop.txt')));
    expect(provider.parseInbound({ url, headers, params: inbound })?.optOutType).toBe('STOP');
    expect(provider.parseInbound({ url, headers, params })).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    [null, undefined],
    ['0', 0],
    ['7', 7000],
    [' 120 ', 120_000],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
