import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

/** Runs the CLI in-process with in-memory stdio; `stdin` undefined means an interactive terminal. */
export async function runCli(argv: string[], stdin?: string, files: Record<string, string> = {}): Promise<CliRun> {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (stdin === undefined) input.isTTY = true;
  else input.end(stdin);
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await main(argv, {
    stdin: input,
    stdout,
    stderr,
    color: false,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) return Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' }));
      return Promise.resolve(text);
    },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
