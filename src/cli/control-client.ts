import { request } from 'node:http';
import { UserError, USER_ERROR_CODES, type UserErrorCode } from '../errors.js';
import { describeHolder, type LockHolder } from '../runtime/data-dir-lock.js';

/** How long an operator's command waits for the running server (an audit of 500 numbers takes seconds). */
const CONTROL_TIMEOUT_MS = 120_000;

function isUserErrorCode(value: unknown): value is UserErrorCode {
  return typeof value === 'string' && (USER_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * One request to the running server's control socket (runtime/control-socket.ts). A user error the
 * server found comes back as the same UserError; a server that does not answer is a user error too
 * (the message says what to do), never a stack trace.
 */
export function callServer(holder: LockHolder & { socket: string }, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request({
      socketPath: holder.socket, method, path, timeout: CONTROL_TIMEOUT_MS,
      headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(payload.length) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const data = Buffer.concat(chunks);
        if (res.statusCode === 200) {
          resolve(data);
          return;
        }
        let answer: { error?: unknown; field?: unknown; message?: unknown } = {};
        try {
          answer = JSON.parse(data.toString('utf8')) as typeof answer;
        } catch {
          // not JSON: reported below with the status
        }
        const message = typeof answer.message === 'string' ? answer.message : `status ${String(res.statusCode)}`;
        if (res.statusCode !== undefined && res.statusCode < 500 && isUserErrorCode(answer.error)) {
          reject(new UserError(answer.error, message, typeof answer.field === 'string' ? { field: answer.field } : {}));
        } else {
          reject(new Error(`the running ${describeHolder(holder)} failed: ${message}`));
        }
      });
    });
    req.on('timeout', () => { req.destroy(new Error('timed out')); });
    req.on('error', (e: NodeJS.ErrnoException) => {
      reject(new UserError('DATA_DIR_IN_USE', `the data directory is in use by ${describeHolder(holder)}, which does not answer on ${holder.socket} (${e.code ?? e.message}); `
        + 'if it is still starting, try again in a moment; otherwise stop it and run this command again', { cause: e }));
    });
    req.end(payload);
  });
}

/** callServer for a JSON answer. */
export async function callServerJson<T>(holder: LockHolder & { socket: string }, path: string, body: unknown): Promise<T> {
  return JSON.parse((await callServer(holder, 'POST', path, body)).toString('utf8')) as T;
}
