import { createHash } from 'node:crypto';
import { chmod, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toError, UserError } from '../errors.js';
import type { ServiceDeps } from '../services/index.js';
import { dumpEmbeddedDb } from '../store/pglite.js';
import {
  auditExportOperation, createKeyOperation, migrateOperation, type AuditExportInput, type CreateKeyInput,
} from './admin-operations.js';

/**
 * The running server's door for the operator's other commands. An embedded database belongs to the
 * one process that holds its data directory's lock (data-dir-lock.ts); `clearsend keys create`,
 * `audit export`, `db migrate` and `db backup` run while `serve` runs by asking it, over a Unix
 * socket that only the data directory's owner can open (mode 0600): whoever may read the data
 * directory may already read every row, so the socket grants nothing more. Nothing listens on a port.
 */

/** Longest Unix socket path Linux accepts is 107 bytes; a deeper data dir gets one in the temp folder. */
const MAX_SOCKET_PATH = 100;

/** Largest request body the control socket reads. */
const MAX_BODY_BYTES = 1_048_576;

/** Where the control socket of the server on `dataDir` lives. */
export function controlSocketPath(dataDir: string): string {
  const inDir = join(resolve(dataDir), 'control.sock');
  if (Buffer.byteLength(inDir) <= MAX_SOCKET_PATH) return inDir;
  return join(tmpdir(), `clearsend-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}.sock`);
}

/** The control protocol's routes: POST with a JSON body, JSON answer; GET /backup answers the dump. */
export const CONTROL_ROUTES = { keys: '/keys', audit: '/audit', migrate: '/migrate', backup: '/backup' } as const;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new UserError('INVALID_INPUT', 'control request too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UserError('INVALID_INPUT', 'control request is not JSON', { cause: e });
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError('INVALID_INPUT', 'control request must be a JSON object');
  return value as Record<string, unknown>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function route(deps: ServiceDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = req.url ?? '';
  if (req.method === 'GET' && path === CONTROL_ROUTES.backup) {
    const dump = Buffer.from(await (await dumpEmbeddedDb(deps.db)).arrayBuffer());
    res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': String(dump.length) });
    res.end(dump);
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'INVALID_INPUT', message: `${req.method ?? ''} ${path} is not a control request` });
    return;
  }
  const body = asObject(await readJson(req));
  switch (path) {
    case CONTROL_ROUTES.keys:
      sendJson(res, 200, await createKeyOperation(deps, body as unknown as CreateKeyInput));
      return;
    case CONTROL_ROUTES.audit:
      sendJson(res, 200, await auditExportOperation(deps, body as unknown as AuditExportInput));
      return;
    case CONTROL_ROUTES.migrate:
      sendJson(res, 200, await migrateOperation(deps));
      return;
    default:
      sendJson(res, 404, { error: 'NOT_FOUND', message: `no control request ${path}` });
  }
}

/** A listening control socket; close() stops it and removes the socket file. */
export interface ControlSocket {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Listens on the data directory's control socket. Call it only while holding the data directory's
 * lock: a leftover socket file (from a process that was killed) is removed first.
 */
export async function startControlSocket(deps: ServiceDeps, path: string): Promise<ControlSocket> {
  const server: Server = createServer((req, res) => {
    route(deps, req, res).catch((e: unknown) => {
      if (e instanceof UserError) {
        sendJson(res, 400, { error: e.code, field: e.field, message: e.message });
        return;
      }
      deps.log.error({ err: toError(e), path: req.url }, 'control request failed');
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'INTERNAL', message: toError(e).message });
    });
  });
  await unlink(path).catch(() => undefined);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(path, () => {
      server.off('error', fail);
      ok();
    });
  });
  await chmod(path, 0o600);
  return {
    path,
    close: async () => {
      await new Promise<void>((ok) => {
        server.close(() => { ok(); });
        server.closeAllConnections();
      });
      await unlink(path).catch(() => undefined);
    },
  };
}
