import { pino } from 'pino';
import { loadConfig, type ConfigEnv } from '../../runtime/config.js';
import { UserError } from '../../errors.js';
import { createLogger } from '../../runtime/log.js';
import { createKeyOperation, type CreateKeyInput, type CreateKeyOutput } from '../../runtime/admin-operations.js';
import { CONTROL_ROUTES } from '../../runtime/control-socket.js';
import { parseCommandArgs } from '../args.js';
import { runOperation } from '../database-access.js';
import { keysUsage } from './service-usage.js';
import { type CliIo, writeJson } from '../io.js';

export { keysUsage } from './service-usage.js';

/**
 * `clearsend keys create`: prints a new API key, shown once; creates the account when needed. While
 * `serve` holds the embedded database, the server creates the key (so it works at once).
 */
export async function keysCommand(args: string[], io: CliIo, env: ConfigEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('keys', args, {
    account: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals[0] !== 'create' || positionals.length > 1) throw new UserError('INVALID_INPUT', `usage: ${keysUsage}`);
  const name = values.account?.trim();
  if (name === undefined || name === '') throw new UserError('INVALID_INPUT', 'keys create needs --account NAME', { field: 'account' });
  const config = loadConfig(env, { ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }) });
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: pino.destination(2) });
  const out = await runOperation<CreateKeyInput, CreateKeyOutput>(config, log, 'keys create', CONTROL_ROUTES.keys, { account: name }, createKeyOperation);
  if (values.json === true) {
    writeJson(io, { account: out.account, accountSid: out.accountSid, key: out.key });
  } else {
    io.stdout.write(`${out.created ? 'Created account' : 'Account'} ${out.account} (${out.accountSid})\nAPI key (shown once, keep it secret): ${out.key}\n`);
  }
  return 0;
}
