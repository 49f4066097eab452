import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
let port: number;
beforeAll(async () => {
  h = await createHarness({ env: { REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '500' } });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = (h.app.server.address() as AddressInfo).port;
});
afterAll(async () => { await h.close(); });

/** Sends `head` on a raw socket, then nothing: what the server answered and when it closed. */
function stall(head: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk: Buffer) => { answer += chunk.toString('latin1'); });
    socket.on('error', reject);
    socket.on('close', () => { resolve({ answer, closedAfterMs: Date.now() - started }); });
    setTimeout(() => { socket.destroy(); reject(new Error(`socket still open after 5 s (answer so far: ${JSON.stringify(answer)})`)); }, 5_000).unref();
  });
}

describe('a request that stops arriving is cut off', () => {
  it('headers and half a body, then nothing: 408 and closed within the bound', async () => {
    const { answer, closedAfterMs } = await stall(
      `POST /v1/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\nAuthorization: Bearer ${h.a.key}\r\n\r\n{"now":"2026-`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(1000 + 1000 + 1000); // the timeout, Node's check interval, slack
  });

  it('half the headers, then nothing: closed within the headers bound', async () => {
    const { closedAfterMs } = await stall('GET /healthz HTTP/1.1\r\nHost: local');
    expect(closedAfterMs).toBeLessThan(500 + 1000 + 1000);
  });
});
