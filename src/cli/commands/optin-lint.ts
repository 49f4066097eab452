import { lintOptIn, OptInFormTooLarge, type OptInLintResult } from '../../core/optin-lint.js';
import { UserError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import { type CliIo, paint, readStdin, readUserFile, writeJson } from '../io.js';
import { verdictLine } from '../render.js';

export const optinLintUsage = 'clearsend optin-lint [--json] [--brand NAME] [--file F]  check an opt-in form (text or HTML; stdin without --file)';

function lintOrExplain(text: string, brand: string | undefined): OptInLintResult {
  try {
    return lintOptIn(text, brand === undefined ? {} : { brandName: brand });
  } catch (e) {
    if (e instanceof OptInFormTooLarge) throw new UserError('INVALID_INPUT', e.message, { cause: e });
    throw e;
  }
}

/** `clearsend optin-lint`: what carriers will reject in an opt-in form. Exit 1 when something is missing. */
export async function optinLintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('optin-lint', args, {
    json: { type: 'boolean' },
    brand: { type: 'string' },
    file: { type: 'string', short: 'f' },
  });
  const text = values.file !== undefined
    ? await readUserFile(io, values.file)
    : positionals.length > 0 ? positionals.join(' ') : await readStdin(io, 'opt-in form');
  const result = lintOrExplain(text, values.brand);
  if (values.json === true) {
    writeJson(io, result);
  } else {
    const lines = result.findings.map((f) => {
      const mark = f.status === 'present' ? paint(io, 'green', 'ok     ') : paint(io, 'red', f.status.padEnd(7));
      return `${mark} ${paint(io, 'bold', f.element)}  ${f.message}${f.fix === undefined ? '' : `\n        ${paint(io, 'dim', 'fix')} ${f.fix}`}`;
    });
    lines.push(verdictLine(io, result.ok ? 'ok' : 'block'));
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return result.ok ? 0 : 1;
}
