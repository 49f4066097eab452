import { randomFillSync } from 'node:crypto';

/**
 * Random hex digits for ids (message and inbound SIDs), drawn from a pooled buffer refilled 4 KB at a
 * time, as Node's own randomUUID does: one randomBytes(16) call per id was 8 µs of every accepted
 * text (bench:pipeline's producer profile). Ids are unique, not secret; secrets (API keys, session
 * tokens, webhook secrets) keep their own randomBytes.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

export function randomHex(bytes: number): string {
  if (bytes > POOL_BYTES) throw new RangeError(`randomHex: at most ${String(POOL_BYTES)} bytes`);
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}
