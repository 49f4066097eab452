import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindSentRequest, FindSentResult, SendRequest, SendResult } from '../provider.js';
import { computeTwilioSignature } from './twilio-signature.js';
import { classifySendError, createTwilioProvider, parseRetryAfter } from './twilio.js';

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

  it('ownsNumber GETs IncomingPhoneNumbers.json?PhoneNumber=… and matches the exact number', async () => {
    // the list shape of Twilio's IncomingPhoneNumber resource (trimmed): matches are in incoming_phone_numbers
    const page = (numbers: string[]) => new Response(JSON.stringify({
      first_page_uri: '/2010-04-01/Accounts/AC…/IncomingPhoneNumbers.json?PageSize=50&Page=0', next_page_uri: null, page: 0, page_size: 50,
      incoming_phone_numbers: numbers.map((n) => ({ sid: 'PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', account_sid: SID, phone_number: n, capabilities: { sms: true } })),
    }), { status: 200 });
    const owned = capture(page(['+15017122661']));
    const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch: owned.fetch });
    expect(await provider.ownsNumber?.('+15017122661', never)).toEqual({ kind: 'owned' });
    expect(owned.captured[0]!.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers.json?PhoneNumber=%2B15017122661`);
    expect(owned.captured[0]!.init?.headers).toEqual({ Authorization: BASIC, Accept: 'application/json' });
    const none = capture(page([]));
    expect(await createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch: none.fetch }).ownsNumber?.('+15017122662', never)).toEqual({ kind: 'not_owned' });
    const down = capture(new Response('{"code":20500,"message":"Internal"}', { status: 500 }));
    expect(await createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch: down.fetch }).ownsNumber?.('+15017122661', never)).toMatchObject({ kind: 'transient' });
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

  it('turns a thrown fetch (connection reset: Twilio may have it) into ambiguous; a lookup that throws is transient', async () => {
    const fetch = (() => Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNRESET') }))) as typeof globalThis.fetch;
    const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch });
    expect(await provider.send(request, never)).toEqual({ kind: 'ambiguous', message: 'Twilio request failed: TypeError: fetch failed: ECONNRESET' });
    expect((await provider.fetchStatus('SM1', never)).kind).toBe('transient');
    expect((await provider.findSent?.({ ...request, sentAfter: new Date(0) }, never))?.kind).toBe('transient');
  });

  it('a send that hangs until its signal aborts (timeout) is ambiguous', async () => {
    const hanging = ((_input: string | URL | Request, init?: RequestInit): Promise<Response> =>
      new Promise((_resolve, reject) => {
        const signal = init?.signal;
        signal?.addEventListener('abort', () => { reject(signal.reason as Error); });
      })) as typeof globalThis.fetch;
    const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, fetch: hanging });
    const result = await provider.send(request, AbortSignal.timeout(20));
    expect(result.kind).toBe('ambiguous');
    expect(result.kind === 'ambiguous' && result.message).toMatch(/^Twilio request failed: TimeoutError/);
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
      if (to.endsWith('0502')) return { status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } };
      if (to.endsWith('0504')) return { status: 504, body: '<html>Gateway Timeout</html>', headers: { 'content-type': 'text/html' } };
      if (to.endsWith('0201')) return json(201, '{}');
      if (to.endsWith('0999')) return null;
      return json(201, fixture('message-create.txt'));
    }
    if (method === 'GET' && path.startsWith(`/2010-04-01/Accounts/${SID}/Messages.json?`)) {
      const q = new URLSearchParams(path.slice(path.indexOf('?') + 1));
      const listTo = q.get('To') ?? '';
      if (listTo.endsWith('0500')) return json(500, '{"code":20500,"message":"Internal Server Error","status":500}');
      const list = JSON.parse(fixture('message-list.json')) as { messages: { to: string }[]; next_page_uri: string | null };
      for (const m of list.messages) m.to = listTo;
      if (listTo.endsWith('0000')) list.messages = [];
      // a first page without the message, pointing at a second that has it
      if (listTo.endsWith('0100') && q.get('PageToken') === null) {
        list.messages = [];
        list.next_page_uri = `/2010-04-01/Accounts/${SID}/Messages.json?${q.toString()}&Page=1&PageToken=PAxyz`;
      }
      return json(200, JSON.stringify(list));
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
    ['201 without a sid', '0201', { kind: 'ambiguous', message: 'Twilio answered 201 without a message sid' }],
    ['502 from a gateway', '0502', { kind: 'ambiguous', message: 'Twilio answered HTTP 502' }],
    ['504 from a gateway', '0504', { kind: 'ambiguous', message: 'Twilio answered HTTP 504' }],
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

  it('send: a request that times out after it was written (AbortSignal) is ambiguous', async () => {
    const result = await provider().send(to('0999'), AbortSignal.timeout(100));
    expect(result.kind).toBe('ambiguous');
    expect(result.kind === 'ambiguous' && result.message).toMatch(/TimeoutError/);
    expect(seen.at(-1)?.method).toBe('POST'); // the server did read the request
  });

  const BODY = 'Acme Realty: your showing is confirmed for 3pm. Reply STOP to opt out.';
  const lookFor = (suffix: string, sentAfter = '2026-03-10T17:00:00.000Z', body = BODY): FindSentRequest => ({
    messageId: 'SM00000000000000000000000000000009', from: '+15017122661', to: `+1555867${suffix}`, body, sentAfter: new Date(sentAfter),
  });

  it.each<[string, FindSentRequest, FindSentResult]>([
    ['the newest identical text after sentAfter (not an older one, not another body)', lookFor('5310'), { kind: 'found', status: 'delivered', providerMessageId: 'SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }],
    ['within the clock-skew allowance', lookFor('5310', '2026-03-10T17:04:00.000Z'), { kind: 'found', status: 'delivered', providerMessageId: 'SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }],
    ['only an older identical text (before sentAfter − skew) → not_found', lookFor('5310', '2026-03-10T17:06:00.000Z'), { kind: 'not_found' }],
    ['an older identical text with its error code when sentAfter is earlier', lookFor('5310', '2026-03-09T14:59:00.000Z'), { kind: 'found', status: 'undelivered', errorCode: '30003', providerMessageId: 'SMdddddddddddddddddddddddddddddddd' }],
    ['another body → not_found', lookFor('5310', undefined, 'Acme Realty: something else'), { kind: 'not_found' }],
    ['a sid recorded on an identical text is skipped → not_found', { ...lookFor('5310'), excludeProviderMessageIds: ['SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'] }, { kind: 'not_found' }],
    ['empty list → not_found', lookFor('0000'), { kind: 'not_found' }],
    ['found on the second page', lookFor('0100'), { kind: 'found', status: 'delivered', providerMessageId: 'SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }],
    ['500 → transient, never not_found', lookFor('0500'), { kind: 'transient', message: 'Twilio answered HTTP 500 code 20500: Internal Server Error' }],
  ])('findSent: %s', async (_name, req, expected) => {
    const before = seen.length;
    expect(await provider().findSent?.(req, never)).toEqual(expected);
    const first = new URL(seen[before]!.url, 'http://x');
    expect(seen[before]!.method).toBe('GET');
    expect(first.pathname).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(Object.fromEntries(first.searchParams)).toEqual({
      To: req.to, From: req.from, 'DateSent>': new Date(req.sentAfter.getTime() - 86_400_000).toISOString().slice(0, 10), PageSize: '1000',
    });
    expect(first.search).toContain('DateSent%3E=');
  });

  it('findSent: a wrong token is transient', async () => {
    expect((await provider('wrong').findSent?.(lookFor('5310'), never))?.kind).toBe('transient');
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

describe('classifySendError: transient only when the request certainly never left', () => {
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
  const coded = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
  it.each<[string, unknown, SendResult['kind']]>([
    ['ECONNREFUSED', fetchFailed(coded('ECONNREFUSED')), 'transient'],
    ['ENOTFOUND (DNS)', fetchFailed(coded('ENOTFOUND')), 'transient'],
    ['EAI_AGAIN (DNS)', fetchFailed(coded('EAI_AGAIN')), 'transient'],
    ['UND_ERR_CONNECT_TIMEOUT', fetchFailed(coded('UND_ERR_CONNECT_TIMEOUT')), 'transient'],
    ['every address refused (AggregateError)', fetchFailed(new AggregateError([coded('ECONNREFUSED'), coded('ENETUNREACH')])), 'transient'],
    ['one address reset (AggregateError)', fetchFailed(new AggregateError([coded('ECONNREFUSED'), coded('ECONNRESET')])), 'ambiguous'],
    ['ECONNRESET', fetchFailed(coded('ECONNRESET')), 'ambiguous'],
    ['UND_ERR_SOCKET (closed mid-exchange)', fetchFailed(coded('UND_ERR_SOCKET')), 'ambiguous'],
    ['TimeoutError', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'ambiguous'],
    ['AbortError', new DOMException('This operation was aborted', 'AbortError'), 'ambiguous'],
    ['a non-Error', 'boom', 'ambiguous'],
  ])('%s → %s', (_name, error, kind) => {
    expect(classifySendError(error).kind).toBe(kind);
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
