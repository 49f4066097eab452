import { countSegments } from '../../core/segments.js';
import { parseCommandArgs } from '../args.js';
import { type CliIo, readStdin, writeJson } from '../io.js';
import { renderSegments } from '../render.js';

export const segmentsUsage = 'clearsend segments [--json] [TEXT]        count SMS segments (reads stdin without TEXT)';

/** `clearsend segments`: encoding, segment count and the characters that force UCS-2. */
export async function segmentsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('segments', args, { json: { type: 'boolean' } });
  const text = positionals.length > 0 ? positionals.join(' ') : (await readStdin(io, 'text')).replace(/\r?\n$/, '');
  const result = countSegments(text);
  if (values.json === true) writeJson(io, result);
  else io.stdout.write(`${renderSegments(result)}\n`);
  return 0;
}
