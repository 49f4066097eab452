import { pino } from 'pino';
import { loadConfig, type ConfigEnv } from '../../config.js';
import { UserError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { findOrCreateAccountKey } from '../../pipeline/service.js';
import { migrate } from '../../store/migrate.js';
import { parseCommandArgs } from '../args.js';
import { keysUsage } from './service-usage.js';
import { type CliIo, writeJson } from '../io.js';
import { openServiceDeps } from '../service-deps.js';

export { keysUsage } from './service-usage.js';

/** `clearsend keys create`: prints a new API key, shown once; creates the account when needed. */
export async function keysCommand(args: string[], io: CliIo, env: ConfigEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('keys', args, {
    account: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals[0] !== 'create' || positionals.length > 1) throw new UserError('INVALID_INPUT', `usage: ${keysUsage}`);
  const name = values.account?.trim();
  if (name === undefined || name === '') throw new UserError('INVALID_INPUT', 'keys create needs --account NAME', { field: 'account' });
  if (name.length > 100) throw new UserError('INVALID_INPUT', '--account must be at most 100 characters', { field: 'account' });
  const config = loadConfig(env, { ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }) });
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: pino.destination(2) });
  const { deps, close } = await openServiceDeps(config, log);
  try {
    await migrate(deps.db);
    const { account, key, created } = await findOrCreateAccountKey(deps, name);
    if (values.json === true) {
      writeJson(io, { account: account.name, accountSid: account.sid, key });
    } else {
      io.stdout.write(`${created ? 'Created account' : 'Account'} ${account.name} (${account.sid})\nAPI key (shown once, keep it secret): ${key}\n`);
    }
    return 0;
  } finally {
    await close();
  }
}
