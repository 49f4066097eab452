import { lintMessage } from '../../core/lint.js';
import { UserError } from '../../errors.js';
import { parseCommandArgs, parsePurpose } from '../args.js';
import { type CliIo, readStdin, readUserFile, writeJson } from '../io.js';
import { renderReason, renderSegments, verdictLine } from '../render.js';

export const lintUsage = 'clearsend lint [--json] [--first] [--purpose P] [--brand NAME] [TEXT | --file F…]  check message templates (exit 1 on a block finding)';

/** `clearsend lint`: content, sender ID and opt-out checks on message templates, for people and CI. */
export async function lintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('lint', args, {
    json: { type: 'boolean' },
    first: { type: 'boolean' },
    purpose: { type: 'string' },
    brand: { type: 'string' },
    alias: { type: 'string', multiple: true },
    file: { type: 'string', short: 'f', multiple: true },
  });
  const files = values.file ?? [];
  if (files.length > 0 && positionals.length > 0) throw new UserError('INVALID_INPUT', 'lint takes either TEXT or --file, not both');
  const inputs: { source: string; text: string }[] = [];
  if (files.length > 0) {
    for (const file of files) inputs.push({ source: file, text: (await readUserFile(io, file)).replace(/\r?\n$/, '') });
  } else {
    const text = positionals.length > 0 ? positionals.join(' ') : (await readStdin(io, 'message text')).replace(/\r?\n$/, '');
    inputs.push({ source: '(text)', text });
  }
  const options = {
    purpose: parsePurpose(values.purpose, 'marketing'),
    firstMessage: values.first ?? false,
    brandName: values.brand,
    brandAliases: values.alias,
  };
  const results = inputs.map(({ source, text }) => {
    const result = lintMessage(text, options);
    const verdict = result.reasons.some((r) => r.severity === 'block') ? 'block' : result.reasons.some((r) => r.severity === 'warn') ? 'warn' : 'ok';
    return { source, verdict, ...result };
  });
  if (values.json === true) {
    writeJson(io, files.length > 0 ? results : results[0]);
  } else {
    const out: string[] = [];
    for (const r of results) {
      if (files.length > 0) out.push(`${r.source}:`);
      out.push(...r.reasons.map((reason) => renderReason(io, reason)));
      out.push(renderSegments(r.segments), verdictLine(io, r.verdict as 'block' | 'warn' | 'ok'));
    }
    io.stdout.write(`${out.join('\n')}\n`);
  }
  return results.some((r) => r.verdict === 'block') ? 1 : 0;
}
