import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PURPOSES, type Purpose } from '../core/types.js';
import { UserError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/** `util.parseArgs` in strict mode, with its TypeError turned into a one-line user error. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
    throw new UserError('INVALID_INPUT', `${command}: ${message.replace(/\. To specify a positional argument.*$/, '')} (see clearsend help)`, { cause: e });
  }
}

export function parsePurpose(value: string | undefined, fallback: Purpose): Purpose {
  if (value === undefined) return fallback;
  if ((PURPOSES as readonly string[]).includes(value)) return value as Purpose;
  throw new UserError('INVALID_INPUT', `--purpose must be one of ${PURPOSES.join(', ')} (got "${value}")`, { field: 'purpose' });
}
