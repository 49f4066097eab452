/**
 * Measures classifyInbound() against the labelled corpus test/fixtures/inbound-replies.tsv:
 * precision and recall of `opt_out_phrase`, overall accuracy, the confusion matrix, and the rows it
 * gets wrong. Prints a markdown snippet for README / docs/keywords.md.
 *
 *   npx tsx scripts/keyword-eval.ts [path/to/corpus.tsv] [--ham ../shared/data/sms-spam-collection.tsv]
 *
 * With --ham, it also runs the classifier over the `ham` rows of the UCI SMS Spam Collection
 * (real personal texts, none written for this project; CC BY 4.0, Almeida & Gómez Hidalgo 2011)
 * and lists every message it flags, as an out-of-sample false-alarm check.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyInbound } from '../src/core/keywords.js';
import { INBOUND_KINDS } from '../src/core/types.js';
import type { InboundClassification, InboundKind } from '../src/core/types.js';

/** One labelled reply. */
export interface CorpusRow {
  line: number;
  label: InboundKind;
  text: string;
}

/** A row the classifier got wrong. */
export interface Miss extends CorpusRow {
  got: InboundClassification;
}

/** The figures over a corpus. */
export interface CorpusReport {
  rows: number;
  accuracy: number;
  /** `opt_out_phrase` as the positive class. */
  phrasePrecision: number;
  phraseRecall: number;
  /** Any opt-out (keyword or phrase) vs. everything else: what matters for compliance. */
  optOutRecall: number;
  optOutPrecision: number;
  /** confusion[label][predicted] = count. */
  confusion: Record<InboundKind, Record<InboundKind, number>>;
  misses: Miss[];
}

const isKind = (s: string): s is InboundKind => (INBOUND_KINDS as readonly string[]).includes(s);

/** Parses `label<TAB>text` lines after the `label\ttext` header; throws on a malformed line. */
export function parseCorpus(tsv: string): CorpusRow[] {
  const lines = tsv.split('\n');
  if (lines[0] !== 'label\ttext') throw new Error('corpus must start with the header "label\\ttext"');
  const rows: CorpusRow[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw === '') return;
    const tab = raw.indexOf('\t');
    const label = raw.slice(0, tab);
    if (tab < 0 || !isKind(label)) throw new Error(`line ${i + 2}: expected "<kind>\\t<text>", got ${JSON.stringify(raw)}`);
    rows.push({ line: i + 2, label, text: raw.slice(tab + 1) });
  });
  return rows;
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);
const isOptOut = (k: InboundKind): boolean => k === 'opt_out' || k === 'opt_out_phrase';

/** Classifies every row and computes the figures. */
export function evaluateCorpus(rows: readonly CorpusRow[]): CorpusReport {
  const confusion = Object.fromEntries(
    INBOUND_KINDS.map((l) => [l, Object.fromEntries(INBOUND_KINDS.map((p) => [p, 0]))]),
  ) as Record<InboundKind, Record<InboundKind, number>>;
  const misses: Miss[] = [];
  let tp = 0, fp = 0, fn = 0, ooTp = 0, ooFp = 0, ooFn = 0;
  for (const row of rows) {
    const got = classifyInbound(row.text);
    confusion[row.label][got.kind] += 1;
    if (got.kind !== row.label) misses.push({ ...row, got });
    const predPhrase = got.kind === 'opt_out_phrase', isPhrase = row.label === 'opt_out_phrase';
    if (predPhrase && isPhrase) tp += 1;
    else if (predPhrase) fp += 1;
    else if (isPhrase) fn += 1;
    const predOo = isOptOut(got.kind), isOo = isOptOut(row.label);
    if (predOo && isOo) ooTp += 1;
    else if (predOo) ooFp += 1;
    else if (isOo) ooFn += 1;
  }
  const correct = rows.length - misses.length;
  return {
    rows: rows.length,
    accuracy: ratio(correct, rows.length),
    phrasePrecision: ratio(tp, tp + fp),
    phraseRecall: ratio(tp, tp + fn),
    optOutPrecision: ratio(ooTp, ooTp + ooFp),
    optOutRecall: ratio(ooTp, ooTp + ooFn),
    confusion,
    misses,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Renders the report as markdown. */
export function formatReport(r: CorpusReport, corpusName = 'test/fixtures/inbound-replies.tsv'): string {
  const header = `| label \\ predicted | ${INBOUND_KINDS.join(' | ')} |`;
  const sep = `|---|${INBOUND_KINDS.map(() => '---:').join('|')}|`;
  const body = INBOUND_KINDS.map((l) => `| **${l}** | ${INBOUND_KINDS.map((p) => String(r.confusion[l][p])).join(' | ')} |`);
  const misses = r.misses.map(
    (m) => `| ${m.line} | ${m.label} | ${m.got.kind}${m.got.phrase === undefined ? '' : ` (${m.got.phrase})`} | ${m.text.replace(/\|/g, '\\|')} |`,
  );
  return [
    `Inbound classifier on \`${corpusName}\` (${r.rows} labelled replies):`,
    '',
    '| measure | value |',
    '|---|---:|',
    `| \`opt_out_phrase\` precision | ${pct(r.phrasePrecision)} |`,
    `| \`opt_out_phrase\` recall | ${pct(r.phraseRecall)} |`,
    `| any opt-out (keyword or phrase) precision | ${pct(r.optOutPrecision)} |`,
    `| any opt-out (keyword or phrase) recall | ${pct(r.optOutRecall)} |`,
    `| overall accuracy (5 classes) | ${pct(r.accuracy)} |`,
    '',
    'Confusion matrix (rows: label, columns: classifier):',
    '',
    header,
    sep,
    ...body,
    '',
    `Misclassified rows (${r.misses.length}):`,
    '',
    '| line | label | classifier | text |',
    '|---:|---|---|---|',
    ...misses,
  ].join('\n');
}

/** Runs the classifier over the ham rows of the UCI SMS Spam Collection (`label<TAB>text`, no header). */
function hamCheck(path: string): string {
  const ham = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('ham\t'))
    .map((l) => l.slice(4));
  const started = performance.now();
  const flagged = ham.map((text) => ({ text, got: classifyInbound(text) })).filter((r) => r.got.kind !== 'none');
  const micros = ((performance.now() - started) * 1000) / ham.length;
  return [
    '',
    `Out-of-sample check: ${flagged.length} of ${ham.length} real personal texts (UCI SMS Spam Collection, ham) flagged` +
      ` (${pct(flagged.length / ham.length)}); ${micros.toFixed(0)} µs per message. Review each:`,
    '',
    ...flagged.map((r) => `- ${r.got.kind}${r.got.phrase === undefined ? '' : ` (${r.got.phrase})`}: ${r.text}`),
  ].join('\n');
}

function main(argv: readonly string[]): void {
  const args = argv.slice(2);
  const hamAt = args.indexOf('--ham');
  const hamPath = hamAt >= 0 ? args[hamAt + 1] : undefined;
  const positional = args.filter((_, i) => hamAt < 0 || (i !== hamAt && i !== hamAt + 1));
  const path = positional[0] ?? fileURLToPath(new URL('../test/fixtures/inbound-replies.tsv', import.meta.url));
  const report = evaluateCorpus(parseCorpus(readFileSync(path, 'utf8')));
  process.stdout.write(`${formatReport(report, relative(process.cwd(), path))}\n`);
  if (hamPath !== undefined) process.stdout.write(`${hamCheck(hamPath)}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv);
