import { extname } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type ConfigEnv } from '../../runtime/config.js';
import { UserError } from '../../errors.js';
import { createLogger } from '../../runtime/log.js';
import { AUDIT_FORMATS, type AuditFormat } from '../../services/index.js';
import { auditExportOperation, type AuditExportInput, type AuditExportOutput } from '../../runtime/admin-operations.js';
import { CONTROL_ROUTES } from '../../runtime/control-socket.js';
import { parseCommandArgs } from '../args.js';
import { runOperation } from '../database-access.js';
import { type CliIo, writeUserFile } from '../io.js';
import { auditUsage } from './service-usage.js';

export { auditUsage } from './service-usage.js';

/** The account `--account` defaults to: the one the quick start creates. */
export const DEFAULT_AUDIT_ACCOUNT = 'demo';

const EXTENSIONS: Record<string, AuditFormat> = { '.json': 'json', '.csv': 'csv', '.html': 'html', '.htm': 'html' };

function isFormat(value: string): value is AuditFormat {
  return (AUDIT_FORMATS as readonly string[]).includes(value);
}

/** `--format`, else the extension of `--out`; INVALID_INPUT when neither says. */
export function auditFormatOf(out: string, format: string | undefined): AuditFormat {
  if (format !== undefined) {
    if (!isFormat(format)) throw new UserError('INVALID_INPUT', `--format must be one of ${AUDIT_FORMATS.join(', ')} (got "${format}")`, { field: 'format' });
    return format;
  }
  const byExt = EXTENSIONS[extname(out).toLowerCase()];
  if (byExt === undefined) throw new UserError('INVALID_INPUT', `cannot tell the format from "${out}": name it .csv, .json or .html, or pass --format csv|json|html`, { field: 'format' });
  return byExt;
}

function parseSample(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) throw new UserError('INVALID_INPUT', `--sample must be a whole number (got "${value}")`, { field: 'sample' });
  return Number(value);
}

/**
 * `clearsend audit export`: writes the consent audit (a seeded random sample of the contacts messaged
 * in the period, or the numbers given) to a file as CSV, JSON or printable HTML. DATABASE_URL wins
 * over --data-dir, as for the other service commands.
 */
export async function auditCommand(args: string[], io: CliIo, env: ConfigEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('audit', args, {
    sample: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    seed: { type: 'string' },
    numbers: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    account: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals[0] !== 'export' || positionals.length > 1) throw new UserError('INVALID_INPUT', `usage: ${auditUsage}`);
  const out = values.out;
  if (out === undefined || out.trim() === '') throw new UserError('INVALID_INPUT', 'audit export needs --out FILE (e.g. --out audit.html)', { field: 'out' });
  const format = auditFormatOf(out, values.format);
  const sample = parseSample(values.sample);
  const name = values.account?.trim() ?? DEFAULT_AUDIT_ACCOUNT;
  if (name === '') throw new UserError('INVALID_INPUT', '--account must not be empty', { field: 'account' });

  const config = loadConfig(env, { ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }) });
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: pino.destination(2) });
  const input: AuditExportInput = {
    account: name, format,
    ...(sample === undefined ? {} : { sample }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(values.numbers === undefined ? {} : { numbers: values.numbers.split(',') }),
    ...(values.from === undefined ? {} : { from: values.from }),
    ...(values.to === undefined ? {} : { to: values.to }),
  };
  const { content, summary: s } = await runOperation<AuditExportInput, AuditExportOutput>(config, log, 'audit export', CONTROL_ROUTES.audit, input, auditExportOperation);
  await writeUserFile(out, content);
  const summary = { out, ...s };
  if (values.json === true) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    io.stdout.write(`Wrote the consent audit of ${String(summary.numbers)} numbers (${String(summary.population)} messaged from ${summary.from} to ${summary.to}`
      + `${summary.seed === null ? '' : `, seed ${summary.seed}`}) to ${out}\n`);
  }
  return 0;
}
