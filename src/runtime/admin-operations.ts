import { UserError } from '../errors.js';
import {
  AUDIT_FORMATS,
  type AuditFormat,
  buildConsentAudit,
  findAccountByName,
  findOrCreateAccountKey,
  renderAudit,
  type ServiceDeps,
} from '../services/index.js';
import { appliedMigrations, migrate } from '../store/migrate.js';

/**
 * The operator's commands that need the database (`keys create`, `audit export`, `db migrate`), as
 * functions of the service's dependencies. The CLI runs them itself when it may open the database,
 * and asks the running server to run them (control-socket.ts) when the server holds the embedded
 * database: one implementation either way.
 */

export interface CreateKeyInput { account: string }
export interface CreateKeyOutput { account: string; accountSid: string; key: string; created: boolean }

export interface AuditExportInput {
  account: string;
  format: AuditFormat;
  sample?: number;
  seed?: string;
  numbers?: string[];
  from?: string;
  to?: string;
}
export interface AuditExportOutput {
  content: string;
  summary: { format: AuditFormat; account: string; numbers: number; population: number; seed: string | null; from: string; to: string };
}

export interface MigrateOutput { applied: number[]; current: number }

/** Largest account name, as `keys create` has always enforced. */
const MAX_ACCOUNT_NAME = 100;

function accountName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '') throw new UserError('INVALID_INPUT', 'keys create needs --account NAME', { field: 'account' });
  if (name.length > MAX_ACCOUNT_NAME) throw new UserError('INVALID_INPUT', `--account must be at most ${String(MAX_ACCOUNT_NAME)} characters`, { field: 'account' });
  return name;
}

/** A new API key for the named account, creating the account when it does not exist. */
export async function createKeyOperation(deps: ServiceDeps, input: CreateKeyInput): Promise<CreateKeyOutput> {
  const { account, key, created } = await findOrCreateAccountKey(deps, accountName(input.account));
  return { account: account.name, accountSid: account.sid, key, created };
}

/** The consent audit of the named account, rendered in the format asked for. */
export async function auditExportOperation(deps: ServiceDeps, input: AuditExportInput): Promise<AuditExportOutput> {
  if (!(AUDIT_FORMATS as readonly string[]).includes(input.format)) {
    throw new UserError('INVALID_INPUT', `--format must be one of ${AUDIT_FORMATS.join(', ')}`, { field: 'format' });
  }
  const account = await findAccountByName(deps, input.account);
  if (account === undefined) {
    throw new UserError('INVALID_INPUT', `no account named "${input.account}" in this database; pass --account NAME (create one with: clearsend keys create --account NAME)`, { field: 'account' });
  }
  const audit = await buildConsentAudit(deps, account.accountId, {
    ...(input.sample === undefined ? {} : { sample: input.sample }),
    ...(input.seed === undefined ? {} : { seed: input.seed }),
    ...(input.numbers === undefined ? {} : { numbers: input.numbers }),
    ...(input.from === undefined ? {} : { from: input.from }),
    ...(input.to === undefined ? {} : { to: input.to }),
  }, deps.clock.now());
  return {
    content: renderAudit(audit, input.format),
    summary: {
      format: input.format, account: audit.account.name, numbers: audit.numbers.length, population: audit.selection.population,
      seed: audit.selection.seed, from: audit.period.from, to: audit.period.to,
    },
  };
}

/** Applies pending migrations (a running server applied them at start: then nothing is pending). */
export async function migrateOperation(deps: Pick<ServiceDeps, 'db'>): Promise<MigrateOutput> {
  const applied = await migrate(deps.db);
  const all = await appliedMigrations(deps.db);
  return { applied, current: all.at(-1) ?? 0 };
}
