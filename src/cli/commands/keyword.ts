import { classifyInbound } from '../../core/keywords.js';
import { parseCommandArgs } from '../args.js';
import { type CliIo, readStdin, writeJson } from '../io.js';

export const keywordUsage = 'clearsend keyword [--json] TEXT            classify an inbound reply (opt_out, opt_in, help, opt_out_phrase, none)';

/** `clearsend keyword`: what an inbound reply asks for. */
export async function keywordCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('keyword', args, { json: { type: 'boolean' } });
  const text = positionals.length > 0 ? positionals.join(' ') : (await readStdin(io, 'reply text')).replace(/\r?\n$/, '');
  const result = classifyInbound(text);
  if (values.json === true) {
    writeJson(io, result);
  } else {
    const detail = result.keyword ?? result.phrase;
    io.stdout.write(`${result.kind}${detail === undefined ? '' : ` (${detail})`}\n`);
  }
  return 0;
}
