import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGuardedHttp, isBlockedAddress, type Resolver } from './guarded-http.js';

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.9', true], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true], ['::1', true], ['::', true], ['fd00::1', true], ['fe80::1', true],
    ['::ffff:127.0.0.1', true], ['::ffff:10.0.0.1', true], ['64:ff9b::7f00:1', true], ['not an address', true],
    ['8.8.8.8', false], ['203.0.114.9', false], ['2606:4700::1111', false], ['::ffff:8.8.8.8', false],
  ])('%s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});

/** A local server on 127.0.0.1 that counts connections and answers per `handler`. */
let server: Server;
let port: number;
let connections = 0;
let requests: { url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let mode: 'ok' | 'redirect' | 'hang' | 'flood' = 'ok';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      if (mode === 'redirect') res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
      else if (mode === 'ok') res.writeHead(200).end('thanks');
      else if (mode === 'flood') {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => { while (!res.destroyed && res.write(chunk)); };
        res.on('drain', pump);
        pump();
      }
      // 'hang': never answer
    });
  });
  server.on('connection', () => { connections++; });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => { r(); }));
});
beforeEach(() => {
  connections = 0;
  requests = [];
  mode = 'ok';
});

const post = (client: ReturnType<typeof createGuardedHttp>, url: string) => client({ url, headers: { 'content-type': 'text/plain' }, body: 'hello' });

describe('createGuardedHttp', () => {
  const guarded = createGuardedHttp({ allowPrivate: false });

  it.each([
    (p: number) => `http://127.0.0.1:${p}/hook`,
    (p: number) => `http://localhost:${p}/hook`,
    (p: number) => `http://localhost.:${p}/hook`,
    (p: number) => `http://[::1]:${p}/hook`,
    (p: number) => `http://[::]:${p}/hook`,
    (p: number) => `http://0.0.0.0:${p}/hook`,
    (p: number) => `http://[::ffff:127.0.0.1]:${p}/hook`,
    (p: number) => `http://2130706433:${p}/hook`,
    (p: number) => `http://0x7f000001:${p}/hook`,
    (p: number) => `http://127.1:${p}/hook`,
    (p: number) => `http://0177.0.0.1:${p}/hook`,
    (p: number) => `http://0x7f.0.0.1:${p}/hook`,
    (p: number) => `http://evil.example\\@127.0.0.1:${p}/hook`,
    (p: number) => `http://user:pw@127.0.0.1:${p}/hook`,
    (p: number) => `ftp://127.0.0.1:${p}/hook`,
    () => 'http://169.254.169.254/latest/meta-data',
    () => 'http://10.0.0.1/hook',
    () => 'http://192.168.1.1/hook',
    () => 'http://[fd00::1]/hook',
    () => 'file:///etc/passwd',
    () => 'not a url',
  ])('refuses %s with no connection made', async (url) => {
    const r = await post(guarded, url(port));
    expect(r.kind).toBe('refused');
    expect(connections).toBe(0);
  });

  it('refuses a host name that resolves to loopback, checked at the lookup the socket itself uses', async () => {
    const asked: string[] = [];
    const rebinding: Resolver = (host) => {
      asked.push(host);
      return Promise.resolve(host === 'mixed.example'
        ? [{ address: '93.184.215.14', family: 4 }, { address: '127.0.0.1', family: 4 }]
        : [{ address: '127.0.0.1', family: 4 }]);
    };
    const client = createGuardedHttp({ allowPrivate: false, resolver: rebinding });
    for (const host of ['rebind.example', 'mixed.example']) {
      const r = await post(client, `http://${host}:${port}/hook`);
      expect(r).toMatchObject({ kind: 'refused', message: expect.stringContaining('127.0.0.1') as unknown });
    }
    expect(asked).toEqual(['rebind.example', 'mixed.example']);
    expect(connections).toBe(0);
  });

  it('with allowPrivate reaches the local server, with the body and headers given', async () => {
    const r = await post(createGuardedHttp({ allowPrivate: true }), `http://127.0.0.1:${port}/hook?x=1`);
    expect(r).toEqual({ kind: 'answered', status: 200, body: 'thanks' });
    expect(requests).toEqual([{ url: '/hook?x=1', headers: expect.objectContaining({ 'content-type': 'text/plain', 'content-length': '5' }) as unknown, body: 'hello' }]);
  });

  it('with allowPrivate a host name resolving to loopback is reached through the same lookup', async () => {
    const client = createGuardedHttp({ allowPrivate: true, resolver: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]) });
    expect(await post(client, `http://hooks.internal.example:${port}/hook`)).toMatchObject({ kind: 'answered', status: 200 });
    expect(requests[0]?.headers.host).toBe(`hooks.internal.example:${port}`);
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    mode = 'redirect';
    const r = await post(createGuardedHttp({ allowPrivate: true }), `http://127.0.0.1:${port}/hook`);
    expect(r).toMatchObject({ kind: 'answered', status: 302 });
    expect(requests.map((q) => q.url)).toEqual(['/hook']);
  });

  it('gives up on a server that never answers', async () => {
    mode = 'hang';
    const started = Date.now();
    const r = await post(createGuardedHttp({ allowPrivate: true, totalTimeoutMs: 200 }), `http://127.0.0.1:${port}/hook`);
    expect(r).toMatchObject({ kind: 'failed', message: expect.stringMatching(/timeout/) as unknown });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a request may shorten the timeout, never lengthen it', async () => {
    mode = 'hang';
    const client = createGuardedHttp({ allowPrivate: true, totalTimeoutMs: 200 });
    const started = Date.now();
    const r = await client({ url: `http://127.0.0.1:${port}/hook`, headers: {}, body: '', timeoutMs: 60_000 });
    expect(r.kind).toBe('failed');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reads at most maxResponseBytes of an endless answer, then closes', async () => {
    mode = 'flood';
    const r = await post(createGuardedHttp({ allowPrivate: true, maxResponseBytes: 4_096, totalTimeoutMs: 5_000 }), `http://127.0.0.1:${port}/hook`);
    expect(r.kind).toBe('answered');
    if (r.kind === 'answered') expect(r.body.length).toBe(4_096);
  });

  it('a closed port is a failed delivery, not a refusal', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => { r(); }));
    expect((await post(createGuardedHttp({ allowPrivate: true }), `http://127.0.0.1:${deadPort}/hook`)).kind).toBe('failed');
  });
});
