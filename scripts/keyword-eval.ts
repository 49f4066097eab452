/**
 * Measures classifyInbound() against the labelled corpora (test/fixtures/inbound-replies.tsv and
 * the held-out test/fixtures/inbound-replies-holdout.tsv): precision and recall of
 * `opt_out_phrase`, overall accuracy, the confusion matrix, and the rows it gets wrong. Prints
 * markdown for docs/keywords.md, with the figures of a baseline revision of the rules beside the
 * current ones.
 *
 *   npx tsx scripts/keyword-eval.ts [corpus.tsv ...] [--ham test/fixtures/sms-spam-collection.tsv] [--baseline <git rev>|none]
 *
 * --baseline: the rules to compare with (default: the last commit of the previous rule set,
 * scripts/rule-baseline.ts). Without git, only the current figures are printed.
 * With --ham, it also runs the classifier over the `ham` rows of the UCI SMS Spam Collection
 * (real personal texts, none written for this project; CC BY 4.0, Almeida & Gómez Hidalgo 2011)
 * and lists every message it flags, as an out-of-sample false-alarm check.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyInbound } from '../src/core/keywords.js';
import { defaultBaseline, gitRoot, loadClassifierAt } from './previous-rules.js';
import type { Classifier } from './previous-rules.js';
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
export function evaluateCorpus(rows: readonly CorpusRow[], classify: Classifier = classifyInbound): CorpusReport {
  const confusion = Object.fromEntries(
    INBOUND_KINDS.map((l) => [l, Object.fromEntries(INBOUND_KINDS.map((p) => [p, 0]))]),
  ) as Record<InboundKind, Record<InboundKind, number>>;
  const misses: Miss[] = [];
  let tp = 0, fp = 0, fn = 0, ooTp = 0, ooFp = 0, ooFn = 0;
  for (const row of rows) {
    const got = classify(row.text);
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

/** The ham rows of the UCI SMS Spam Collection (`label<TAB>text`, no header). */
const readHam = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('ham\t'))
    .map((l) => l.slice(4));

interface HamReport {
  total: number;
  flagged: { text: string; got: InboundClassification }[];
  micros: number;
}

/** Runs a classifier over real personal texts: every flag is a candidate false alarm. */
function hamCheck(ham: readonly string[], classify: Classifier): HamReport {
  const started = performance.now();
  const flagged = ham.map((text) => ({ text, got: classify(text) })).filter((r) => r.got.kind !== 'none');
  return { total: ham.length, flagged, micros: ((performance.now() - started) * 1000) / ham.length };
}

function formatHam(r: HamReport): string {
  return [
    '',
    `Out-of-sample check: ${r.flagged.length} of ${r.total} real personal texts (UCI SMS Spam Collection, ham) flagged` +
      ` (${pct(r.flagged.length / r.total)}); ${r.micros.toFixed(0)} µs per message. Review each:`,
    '',
    ...r.flagged.map((f) => `- ${f.got.kind}${f.got.phrase === undefined ? '' : ` (${f.got.phrase})`}: ${f.text}`),
  ].join('\n');
}

const MEASURES: readonly [string, (r: CorpusReport) => number][] = [
  ['`opt_out_phrase` precision', (r) => r.phrasePrecision],
  ['`opt_out_phrase` recall', (r) => r.phraseRecall],
  ['any opt-out precision', (r) => r.optOutPrecision],
  ['any opt-out recall', (r) => r.optOutRecall],
  ['overall accuracy (5 classes)', (r) => r.accuracy],
];

interface Side {
  name: string;
  old: CorpusReport;
  current: CorpusReport;
}

/** Old and new figures side by side, with the rows whose outcome changed. */
export function formatComparison(rev: string, sides: readonly Side[]): string {
  const lines = [
    `Baseline \`${rev}\` vs current rules, one run:`,
    '',
    '| corpus | measure | baseline | current |',
    '|---|---|---:|---:|',
  ];
  for (const s of sides) {
    for (const [label, get] of MEASURES) lines.push(`| ${s.name} (${s.current.rows}) | ${label} | ${pct(get(s.old))} | ${pct(get(s.current))} |`);
  }
  for (const s of sides) {
    const oldMiss = new Set(s.old.misses.map((m) => m.line));
    const newMiss = new Set(s.current.misses.map((m) => m.line));
    const fixed = [...oldMiss].filter((l) => !newMiss.has(l)).length;
    const broken = s.current.misses.filter((m) => !oldMiss.has(m.line));
    lines.push('', `${s.name}: ${fixed} rows fixed, ${broken.length} rows newly wrong${broken.length === 0 ? '.' : ':'}`);
    for (const m of broken) lines.push(`- line ${m.line} (${m.label} → ${m.got.kind}): ${m.text}`);
  }
  return lines.join('\n');
}

/** The baseline classifier and its revision, or a note saying why there is none. */
async function baseline(requested: string | undefined): Promise<{ rev: string; classify: Classifier } | string> {
  if (requested === 'none') return 'Baseline: none requested; current figures only.';
  const root = gitRoot(fileURLToPath(new URL('.', import.meta.url)));
  if (root === undefined) return 'Baseline: git is not available here; current figures only.';
  try {
    const rev = requested ?? defaultBaseline(root);
    return { rev, classify: await loadClassifierAt(root, rev) };
  } catch (err) {
    return `Baseline: could not load the rules at ${requested ?? 'the default revision'} (${(err as Error).message}); current figures only.`;
  }
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  if (value === undefined) throw new Error(`${name} needs a value`);
  return value;
}

const DEFAULT_CORPORA = ['inbound-replies.tsv', 'inbound-replies-holdout.tsv'].map((f) =>
  fileURLToPath(new URL(`../test/fixtures/${f}`, import.meta.url)),
);

async function main(argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  const hamPath = option(args, '--ham');
  const base = await baseline(option(args, '--baseline'));
  const paths = args.length > 0 ? args : DEFAULT_CORPORA;
  const corpora = paths.map((p) => ({ name: relative(process.cwd(), p), rows: parseCorpus(readFileSync(p, 'utf8')) }));
  const out: string[] = [];
  if (typeof base === 'string') out.push(base, '');
  else {
    const sides = corpora.map((c) => ({ name: c.name, old: evaluateCorpus(c.rows, base.classify), current: evaluateCorpus(c.rows) }));
    out.push(formatComparison(base.rev, sides), '');
    if (hamPath !== undefined) {
      const ham = readHam(hamPath);
      // Fastest of four runs: the first pays for JIT warm-up, and a shared machine is noisy.
      const run = (c: Classifier): HamReport =>
        [1, 2, 3, 4].map(() => hamCheck(ham, c)).reduce((a, b) => (b.micros < a.micros ? b : a));
      const [o, n] = [run(base.classify), run(classifyInbound)];
      out.push(`UCI ham texts flagged: baseline ${o.flagged.length} (${o.micros.toFixed(0)} µs/msg), current ${n.flagged.length} (${n.micros.toFixed(0)} µs/msg) of ${n.total}.`, '');
    }
  }
  for (const c of corpora) out.push(formatReport(evaluateCorpus(c.rows), c.name), '');
  if (hamPath !== undefined) out.push(formatHam(hamCheck(readHam(hamPath), classifyInbound)));
  process.stdout.write(`${out.join('\n')}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv);
