import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/cli/commands/serve.js';
import { loadConfig } from '../src/runtime/config.js';
import { createLogger } from '../src/runtime/log.js';

describe('serve on a port it cannot have', () => {
  it('is the user error PORT_UNAVAILABLE (exit 2), not a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clearsend-port-'));
    const busy = createServer();
    await new Promise<void>((ok) => { busy.listen({ port: 0, host: '127.0.0.1' }, ok); });
    try {
      const address = busy.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const config = loadConfig({ CLEARSEND_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
      await expect(startServer(config, createLogger({ level: 'silent' }))).rejects.toMatchObject({ code: 'PORT_UNAVAILABLE' });
    } finally {
      await new Promise<void>((ok) => { busy.close(() => { ok(); }); });
      await rm(dir, { recursive: true, force: true });
    }
  });
});
