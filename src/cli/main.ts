import { readFile } from 'node:fs/promises';
import { ERROR_CATALOGUE } from '../error-catalogue.js';
import { UserError } from '../errors.js';
import { evaluateCommand, evaluateUsage } from './commands/evaluate.js';
import { keywordCommand, keywordUsage } from './commands/keyword.js';
import { lintCommand, lintUsage } from './commands/lint.js';
import { optinLintCommand, optinLintUsage } from './commands/optin-lint.js';
import { segmentsCommand, segmentsUsage } from './commands/segments.js';
import { auditUsage, dbUsage, keysUsage, serveUsage } from './commands/service-usage.js';
import type { CliIo } from './io.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  evaluate: { run: evaluateCommand, usage: evaluateUsage },
  lint: { run: lintCommand, usage: lintUsage },
  segments: { run: segmentsCommand, usage: segmentsUsage },
  keyword: { run: keywordCommand, usage: keywordUsage },
  'optin-lint': { run: optinLintCommand, usage: optinLintUsage },
  // The service commands load the server (Fastify, databases) only when they run.
  serve: { run: async (args, io) => (await import('./commands/serve.js')).serveCommand(args, io), usage: serveUsage },
  keys: { run: async (args, io) => (await import('./commands/keys.js')).keysCommand(args, io), usage: keysUsage },
  db: { run: async (args, io) => (await import('./commands/db.js')).dbCommand(args, io), usage: dbUsage },
  audit: { run: async (args, io) => (await import('./commands/audit.js')).auditCommand(args, io), usage: auditUsage },
};

export const USAGE = `Usage: clearsend <command> [options]

${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n')}

Exit codes: 0 success (whatever the verdict of evaluate), 1 a block-severity finding (lint, optin-lint)
or an internal error, 2 bad input or bad configuration (the message says what to fix).
serve, keys and db read DATABASE_URL, CLEARSEND_DATA_DIR, PORT, HOST, PROVIDER, PUBLIC_URL, LOG_LEVEL
(see README "Configuration").
`;

/**
 * Runs one CLI invocation and returns its exit code: 0 ok, 1 findings or a bug, 2 a user error.
 * Never throws; user errors print one line, anything else prints the full error.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr.write(`clearsend: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UserError) {
      // Machine callers get the error as JSON on stdout too, naming the field at fault.
      if (args.includes('--json')) io.stdout.write(`${JSON.stringify({ error: e.code, field: e.field, message: e.message })}\n`);
      io.stderr.write(`clearsend: ${e.message}\n`);
      return ERROR_CATALOGUE[e.code].exit ?? 2;
    }
    io.stderr.write(`clearsend: internal error (please report it)\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

/** Entry point for bin/clearsend.js: the only place that sets the process exit code. */
export async function runCli(): Promise<void> {
  const color = process.stdout.isTTY && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
  process.exitCode = await main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    color,
    readFile: (path) => readFile(path, 'utf8'),
  });
}
