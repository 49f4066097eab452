import { evaluate } from '../../core/policy.js';
import { UserError } from '../../errors.js';
import { parseEvaluateRequest } from '../../http/schemas/evaluate.js';
import { parseCommandArgs } from '../args.js';
import { type CliIo, readStdin, writeJson } from '../io.js';
import { renderReason, verdictLine } from '../render.js';

export const evaluateUsage = 'clearsend evaluate [--json] < request.json  decide allow / defer / block for one request';

/** `clearsend evaluate`: one request on stdin, one decision out. Exit 0 whatever the verdict. */
export async function evaluateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('evaluate', args, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UserError('INVALID_INPUT', 'evaluate reads the request as JSON on stdin; it takes no arguments');
  const raw = await readStdin(io, 'request');
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch (e) {
    throw new UserError('INVALID_INPUT', `the request on stdin is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e, field: '(request)' });
  }
  const decision = evaluate(parseEvaluateRequest(input));
  if (values.json === true) {
    writeJson(io, decision);
    return 0;
  }
  const lines = [`${verdictLine(io, decision.verdict)}${decision.sendAt === undefined ? '' : ` until ${decision.sendAt}`}`];
  for (const reason of decision.reasons) lines.push(renderReason(io, reason));
  lines.push(`body: ${decision.body}`, `${decision.segments.count} segment(s), ${decision.segments.encoding}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
