import { describe, expect, it } from 'vitest';
import { BlockedDestinationError, createOutboundFetch, isBlockedAddress } from './outbound-fetch.js';

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.9', true], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true], ['::1', true], ['fd00::1', true], ['fe80::1', true],
    ['::ffff:127.0.0.1', true], ['::ffff:10.0.0.1', true], ['not an address', true],
    ['8.8.8.8', false], ['203.0.114.9', false], ['2606:4700::1111', false], ['::ffff:8.8.8.8', false],
  ])('%s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});

describe('createOutboundFetch', () => {
  const calls: { url: string; redirect: string | undefined }[] = [];
  const base = ((input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), redirect: init?.redirect });
    return Promise.resolve(new Response('ok'));
  }) as typeof fetch;

  it.each([
    'http://127.0.0.1:9000/hook', 'http://[::1]/hook', 'http://169.254.169.254/latest/meta-data', 'http://0x7f.0.0.1/x',
    'http://localhost:3000/hook', 'ftp://example.com/x',
  ])('refuses %s before any request', async (url) => {
    const before = calls.length;
    await expect(createOutboundFetch(base, { allowPrivate: false })(url, { method: 'POST' })).rejects.toBeInstanceOf(BlockedDestinationError);
    expect(calls.length).toBe(before);
  });

  it('sends to a public address, never following redirects', async () => {
    await createOutboundFetch(base, { allowPrivate: false })('http://8.8.8.8/hook', { method: 'POST' });
    expect(calls.at(-1)).toEqual({ url: 'http://8.8.8.8/hook', redirect: 'manual' });
  });

  it('reaches a private address when the service allows it', async () => {
    await createOutboundFetch(base, { allowPrivate: true })('http://127.0.0.1:9000/hook', { method: 'POST' });
    expect(calls.at(-1)).toEqual({ url: 'http://127.0.0.1:9000/hook', redirect: 'manual' });
  });
});
