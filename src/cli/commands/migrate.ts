import { loadConfig, type ConfigEnv } from '../../config.js';
import { UserError } from '../../errors.js';
import { appliedMigrations, migrate } from '../../store/migrate.js';
import { parseCommandArgs } from '../args.js';
import { migrateUsage } from './service-usage.js';
import { type CliIo, writeJson } from '../io.js';
import { describeDb, openConfiguredDb } from '../open-db.js';

export { migrateUsage } from './service-usage.js';

/** `clearsend db migrate`: applies pending migrations (safe to run from several processes at once). */
export async function migrateCommand(args: string[], io: CliIo, env: ConfigEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('db', args, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
  if (positionals[0] !== 'migrate' || positionals.length > 1) {
    throw new UserError('INVALID_INPUT', `usage: ${migrateUsage}`);
  }
  const config = loadConfig(env, { ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }) });
  const db = await openConfiguredDb(config);
  try {
    const applied = await migrate(db);
    const all = await appliedMigrations(db);
    if (values.json === true) {
      writeJson(io, { applied, current: all.at(-1) ?? 0 });
    } else {
      io.stdout.write(applied.length === 0
        ? `${describeDb(config)}: up to date (migration ${String(all.at(-1) ?? 0)})\n`
        : `${describeDb(config)}: applied migration(s) ${applied.join(', ')}\n`);
    }
    return 0;
  } finally {
    await db.close();
  }
}
