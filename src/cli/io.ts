import { rename, unlink, writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { UserError } from '../errors.js';

/** The process edges a command may touch; tests pass in-memory streams. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  /** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
  color: boolean;
  readFile: (path: string) => Promise<string>;
}

/** Reads all of stdin as UTF-8; refuses to wait on an interactive terminal. */
export async function readStdin(io: CliIo, what: string): Promise<string> {
  if (io.stdin.isTTY === true) throw new UserError('INVALID_INPUT', `no ${what} given: pass it as an argument or pipe it on stdin`);
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file named on the command line, turning "no such file" into a user error. */
export async function readUserFile(io: CliIo, path: string): Promise<string> {
  try {
    return await io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new UserError('INVALID_INPUT', `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : 'permission denied'}`, { cause: e });
    }
    throw e;
  }
}

/**
 * Writes a file named on the command line (`--out`) whole or not at all: into a temporary file beside
 * it, then renamed over it, so a crash or a full disk never leaves half a file under the real name.
 * "No such folder" and the like are user errors naming the flag.
 */
export async function writeUserFile(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.partial-${String(process.pid)}`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EROFS' || code === 'ENOSPC') {
      throw new UserError('INVALID_INPUT', `cannot write ${path}: ${code} (check that its folder exists and is writable)`, { cause: e, field: 'out' });
    }
    throw e;
  }
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

/** Wraps text in an ANSI style when the output is a colour terminal. */
export function paint(io: CliIo, style: Style, text: string): string {
  return io.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}
