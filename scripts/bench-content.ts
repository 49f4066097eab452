/**
 * Scores checkContent on the UCI SMS Spam Collection: spam flagged (any block or warn content
 * reason), ham wrongly blocked (any block reason), ham flagged as warn only (for the record),
 * per-code counts; and speed in µs per message on a corpus of ordinary one-segment US business
 * texts (the evaluate() hot path: target about 3 µs) and on the spam and ham corpora.
 * Also scores the labelled business corpora (test/fixtures/business-texts.tsv, the one the rules were
 * written against, and business-texts-holdout.tsv, written afterwards and never tuned on): recall on the rows that
 * must be flagged (`block:<code>` / `warn:<code>` got that code at that severity) and over-blocking on
 * the `ok` rows (any block reason). It extracts src/ at the baseline revision (`--baseline <git rev>`,
 * default the previous rule set's last commit, scripts/rule-baseline.ts; `none` to skip)
 * (`git archive`) into a temp dir, imports that checkContent too, and prints old and new side by side
 * from the same run on the same machine.
 * Run: `npx tsx scripts/bench-content.ts [path/to/sms-spam-collection.tsv] [--misses N] [--baseline REV]`.
 *
 * Dataset: SMS Spam Collection v.1, T.A. Almeida and J.M. Gómez Hidalgo, UCI Machine Learning
 * Repository, https://archive.ics.uci.edu/dataset/228/sms+spam+collection (DOI 10.24432/C5CC84),
 * CC BY 4.0. Almeida, Gómez Hidalgo, Yamakami, "Contributions to the Study of SMS Spam Filtering:
 * New Collection and Results", DocEng 2011.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkContent } from '../src/core/content/index.js';
import type { Reason } from '../src/core/types.js';
import { loadExportAt } from './previous-rules.js';
import { PREVIOUS_RULE_SET } from './rule-baseline.js';

type Check = (text: string) => Reason[];

const CANDIDATES = ['test/fixtures/sms-spam-collection.tsv', '../shared/data/sms-spam-collection.tsv'];
const TARGET_SPAM_FLAGGED = 0.8;
const TARGET_HAM_BLOCKED = 0.01;
const TARGET_BUSINESS_US = 3;
const TARGET_RECALL = 0.85;
const TARGET_OVERBLOCK = 0.03;
const LABELLED = 'test/fixtures/business-texts.tsv';
/** Written after the rules, by the same author, and never used to tune them: the honest figure. */
const HOLDOUT = 'test/fixtures/business-texts-holdout.tsv';

/** Ordinary one-segment US business texts, written for this benchmark (no corpus text). */
const BUSINESS_TEXTS = [
  'Acme Realty: 3 new listings match your saved search in Brooklyn. See them at https://acmerealty.com/s/8841 Reply STOP to unsubscribe',
  'Acme Realty: Your showing at 41 Elm St is confirmed for Sat 10:30am. Reply STOP to opt out',
  'Bright Smile Dental: Hi Dana, reminder of your cleaning Tue 3/18 at 9:00am. Reply C to confirm or call (555) 201-3344. Reply STOP to opt out.',
  'Luna Salon: Your appointment with Kim is tomorrow at 2:15pm. Need to reschedule? Book at lunasalon.com/book. Txt STOP to end.',
  'Acme Pharmacy: Your prescription is ready for pickup at 1200 Main St. Open until 9pm. Reply STOP to opt out.',
  'Your Acme verification code is 482913. It expires in 10 minutes. Do not share it with anyone.',
  'Greenfield HVAC: Your technician Mike is on the way and will arrive between 1-3pm. Questions? Call 555-201-8890. Reply STOP to opt out',
  'Acme Pizza: Your order #4471 is out for delivery and should arrive in 25 min. Track it at acmepizza.com/t/4471',
  'Northside Auto: Your 2019 Honda Civic is ready for pickup. Total due $342.18. We close at 6pm today. Reply STOP to unsubscribe.',
  'Acme Fitness: Spring special! Join this week and pay no enrollment fee. Details at acmefit.com/spring. Reply STOP to opt out',
  'Acme Mortgage: your pre-approval letter is ready at https://acmemortgage.com/docs. Reply STOP to end.',
  'Riverside Vet: Max is due for his rabies vaccine. Book online at riversidevet.com or call 555-301-2200. Reply STOP to opt out',
  'Acme Bank: A payment of $54.20 to CITY WATER posted on 4/2. Questions? Call 800-555-0100. Reply STOP to opt out.',
  'Hi Maria, this is Tom from Acme Roofing. Your free estimate is ready: acmeroofing.com/e/7731. Reply STOP to opt out',
  'Acme Realty: Open house Sunday 1-3pm at 12 Oak Ave, 3 bd / 2 ba, $489,000. Reply STOP to unsubscribe',
  'Metro Dry Cleaners: your order is ready for pickup. We are open 7am-7pm Mon-Sat. Reply STOP to opt out.',
];

const args = process.argv.slice(2);
const missesAt = args.indexOf('--misses');
const showMisses = missesAt >= 0 ? Number(args[missesAt + 1] ?? '20') : 0;
const baselineAt = args.indexOf('--baseline');
const baselineArg = baselineAt >= 0 ? args[baselineAt + 1] : PREVIOUS_RULE_SET.commit;
const baselineRev = baselineArg === 'none' ? undefined : baselineArg;
const valueAt = new Set([missesAt + 1, baselineAt + 1]);
const explicit = args.find((a, i) => !a.startsWith('--') && !valueAt.has(i));
const path = explicit ?? CANDIDATES.find((p) => existsSync(p));

if (path === undefined || !existsSync(path)) {
  console.error(
    `bench-content: SMS Spam Collection not found (looked in ${explicit ?? CANDIDATES.join(', ')}).\n` +
      'Pass its path, e.g. npx tsx scripts/bench-content.ts path/to/sms-spam-collection.tsv\n' +
      'Get it from https://archive.ics.uci.edu/dataset/228/sms+spam+collection (CC BY 4.0); format: label<TAB>text, no header.',
  );
  process.exitCode = 2;
} else if (baselineAt >= 0 && (baselineArg === undefined || baselineArg.startsWith('--'))) {
  console.error('bench-content: --baseline needs a git revision, e.g. --baseline main');
  process.exitCode = 2;
} else {
  await main(path, baselineRev);
}

interface Row {
  label: string;
  text: string;
}

interface LabelledScore {
  hit: number;
  of: number;
  over: number;
  ok: number;
}

interface Figures {
  recallHit: number;
  recallOf: number;
  overBlocked: number;
  okCount: number;
  holdout: LabelledScore;
  spamFlagged: number;
  spamCount: number;
  hamBlocked: number;
  hamWarned: number;
  hamCount: number;
  usBusiness: number;
  usSpam: number;
  usHam: number;
  byCode: Map<string, { spam: number; ham: number }>;
  spamMisses: string[];
  hamBlocks: string[];
  labelledMisses: string[];
  labelledOverBlocks: string[];
}

function readTsv(file: string, header: boolean): Row[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  return (header ? lines.slice(1) : lines).map((l) => {
    const tab = l.indexOf('\t');
    return { label: l.slice(0, tab), text: l.slice(tab + 1) };
  });
}

/** checkContent of `rev` (scripts/previous-rules.ts), with a cleanup that removes its extracted copy. */
async function loadBaseline(rev: string): Promise<{ check: Check; cleanup: () => void }> {
  const { fn, cleanup } = await loadExportAt(process.cwd(), rev, 'src/core/content/index.ts', 'checkContent');
  return { check: fn as Check, cleanup };
}

async function main(file: string, rev: string | undefined): Promise<void> {
  const rows = readTsv(file, false);
  const labelled = existsSync(LABELLED) ? readTsv(LABELLED, true) : [];
  const holdout = existsSync(HOLDOUT) ? readTsv(HOLDOUT, true) : [];
  const baseline = rev === undefined ? undefined : await loadBaseline(rev);
  try {
    const now = measure(checkContent, rows, labelled, holdout);
    const old = baseline === undefined ? undefined : measure(baseline.check, rows, labelled, holdout);
    // Speed: the old and new checks take turns in short rounds (best round wins), so that load on a
    // shared machine hits both alike.
    const checks = old === undefined || baseline === undefined ? [checkContent] : [checkContent, baseline.check];
    const figures = old === undefined ? [now] : [now, old];
    const corpora: [keyof Pick<Figures, 'usBusiness' | 'usSpam' | 'usHam'>, readonly string[], number][] = [
      ['usBusiness', BUSINESS_TEXTS, 400_000],
      ['usSpam', rows.filter((r) => r.label === 'spam').map((r) => r.text), 100_000],
      ['usHam', rows.filter((r) => r.label === 'ham').map((r) => r.text), 200_000],
    ];
    for (const [key, texts, calls] of corpora) {
      const us = microsPerMessage(checks, texts, calls);
      figures.forEach((f, i) => {
        f[key] = us[i] ?? NaN;
      });
    }
    report(file, now, old, rev, labelled.length > 0);
  } finally {
    baseline?.cleanup();
  }
}

function measure(check: Check, rows: readonly Row[], labelled: readonly Row[], holdout: readonly Row[]): Figures {
  const spam = rows.filter((r) => r.label === 'spam');
  const ham = rows.filter((r) => r.label === 'ham');
  const results = rows.map((r) => check(r.text)); // warm-up and results
  const f: Figures = {
    recallHit: 0, recallOf: 0, overBlocked: 0, okCount: 0, holdout: scoreLabelled(check, holdout),
    spamFlagged: 0, spamCount: spam.length, hamBlocked: 0, hamWarned: 0, hamCount: ham.length,
    usBusiness: 0,
    usSpam: 0,
    usHam: 0,
    byCode: new Map(), spamMisses: [], hamBlocks: [], labelledMisses: [], labelledOverBlocks: [],
  };
  const blocks = (reasons: readonly Reason[]): string =>
    reasons.filter((x) => x.severity === 'block').map((x) => `${x.rule ?? x.code}:"${x.span?.text ?? ''}"`).join(' ');
  rows.forEach((row, i) => {
    const reasons: Reason[] = results[i] ?? [];
    const codes = new Set(reasons.map((x) => `${x.code} [${x.severity}]`));
    for (const c of codes) {
      const entry = f.byCode.get(c) ?? { spam: 0, ham: 0 };
      if (row.label === 'spam') entry.spam += 1;
      else entry.ham += 1;
      f.byCode.set(c, entry);
    }
    if (row.label === 'spam') {
      if (reasons.some((x) => x.severity === 'block' || x.severity === 'warn')) f.spamFlagged += 1;
      else f.spamMisses.push(row.text);
    } else if (!reasons.some((x) => x.severity === 'block')) {
      if (reasons.some((x) => x.severity === 'warn')) f.hamWarned += 1;
    } else {
      f.hamBlocked += 1;
      f.hamBlocks.push(`${blocks(reasons)} | ${row.text}`);
    }
  });
  for (const row of labelled) {
    const reasons = check(row.text);
    if (row.label === 'ok') {
      f.okCount += 1;
      if (reasons.some((x) => x.severity === 'block')) {
        f.overBlocked += 1;
        f.labelledOverBlocks.push(`${blocks(reasons)} | ${row.text}`);
      }
      continue;
    }
    const [severity, code] = row.label.split(':');
    f.recallOf += 1;
    if (reasons.some((x) => x.code === code && x.severity === severity)) f.recallHit += 1;
    else f.labelledMisses.push(`${row.label} | ${row.text.slice(0, 160)}`);
  }
  return f;
}

/** Recall and over-blocking of `check` on labelled rows (`ok`, `block:<code>`, `warn:<code>`). */
function scoreLabelled(check: Check, rows: readonly Row[]): LabelledScore {
  const score = { hit: 0, of: 0, over: 0, ok: 0 };
  for (const row of rows) {
    const reasons = check(row.text);
    if (row.label === 'ok') {
      score.ok += 1;
      if (reasons.some((x) => x.severity === 'block')) score.over += 1;
      continue;
    }
    const [severity, code] = row.label.split(':');
    score.of += 1;
    if (reasons.some((x) => x.code === code && x.severity === severity)) score.hit += 1;
  }
  return score;
}

function report(file: string, now: Figures, old: Figures | undefined, rev: string | undefined, hasLabelled: boolean): void {
  const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)}%`);
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
  console.log(`Corpus: ${file}`);
  console.log('SMS Spam Collection v.1 (Almeida & Gómez Hidalgo, UCI ML Repository, DOI 10.24432/C5CC84), CC BY 4.0');
  console.log(`Messages: ${now.spamCount + now.hamCount} (${now.spamCount} spam, ${now.hamCount} ham)`);
  if (hasLabelled) console.log(`Labelled business corpus: ${LABELLED} (${now.recallOf} to flag, ${now.okCount} ok); held out: ${HOLDOUT} (${now.holdout.of} to flag, ${now.holdout.ok} ok)`);
  const lines: [string, (f: Figures) => string, string][] = [];
  if (hasLabelled) {
    lines.push(
      ['Recall on labelled texts to flag', (f) => `${f.recallHit}/${f.recallOf} = ${pct(f.recallHit, f.recallOf)}`, `target >= ${TARGET_RECALL * 100}% ${verdict(now.recallHit / now.recallOf >= TARGET_RECALL)}`],
      ['Over-blocking of labelled ok texts', (f) => `${f.overBlocked}/${f.okCount} = ${pct(f.overBlocked, f.okCount)}`, `target <= ${TARGET_OVERBLOCK * 100}% ${verdict(now.overBlocked / now.okCount <= TARGET_OVERBLOCK)}`],
      ['Recall on held-out texts to flag', (f) => `${f.holdout.hit}/${f.holdout.of} = ${pct(f.holdout.hit, f.holdout.of)}`, `target >= ${TARGET_RECALL * 100}% ${verdict(now.holdout.hit / now.holdout.of >= TARGET_RECALL)}`],
      ['Over-blocking of held-out ok texts', (f) => `${f.holdout.over}/${f.holdout.ok} = ${pct(f.holdout.over, f.holdout.ok)}`, `target <= ${TARGET_OVERBLOCK * 100}% ${verdict(now.holdout.over / now.holdout.ok <= TARGET_OVERBLOCK)}`],
    );
  }
  lines.push(
    ['UCI spam flagged (any block/warn)', (f) => `${f.spamFlagged}/${f.spamCount} = ${pct(f.spamFlagged, f.spamCount)}`, `target >= ${TARGET_SPAM_FLAGGED * 100}% ${verdict(now.spamFlagged / now.spamCount >= TARGET_SPAM_FLAGGED)}`],
    ['UCI ham wrongly blocked (any block)', (f) => `${f.hamBlocked}/${f.hamCount} = ${pct(f.hamBlocked, f.hamCount)}`, `target <= ${TARGET_HAM_BLOCKED * 100}% ${verdict(now.hamBlocked / now.hamCount <= TARGET_HAM_BLOCKED)}`],
    ['UCI ham flagged as warn only', (f) => `${f.hamWarned}/${f.hamCount} = ${pct(f.hamWarned, f.hamCount)}`, '(for the record)'],
    [`Speed, ${BUSINESS_TEXTS.length} one-segment business texts`, (f) => `${f.usBusiness.toFixed(2)} µs/msg`, `target <= ${TARGET_BUSINESS_US} µs ${verdict(now.usBusiness <= TARGET_BUSINESS_US)}`],
    ['Speed, UCI spam / ham', (f) => `${f.usSpam.toFixed(2)} / ${f.usHam.toFixed(2)} µs/msg`, ''],
  );
  const w = 38;
  console.log(`\n${''.padEnd(w)}  ${(old === undefined ? '' : `old (${rev ?? ''})`).padEnd(26)}  ${'new (working tree)'.padEnd(26)}`);
  for (const [name, fmt, target] of lines) {
    console.log(`${name.padEnd(w)}  ${(old === undefined ? '' : fmt(old)).padEnd(26)}  ${fmt(now).padEnd(26)}  ${target}`);
  }
  if (old !== undefined) {
    const change = ((now.usBusiness - old.usBusiness) / old.usBusiness) * 100;
    console.log(`Business-text speed change: ${change >= 0 ? '+' : ''}${change.toFixed(1)}% (budget +20%)`);
  }
  console.log('\nPer code, new (messages with at least one reason of that code):');
  for (const [code, n] of [...now.byCode.entries()].sort((a, b) => b[1].spam + b[1].ham - (a[1].spam + a[1].ham))) {
    console.log(`  ${code.padEnd(40)} spam ${String(n.spam).padStart(4)}  ham ${String(n.ham).padStart(4)}`);
  }
  if (showMisses > 0) {
    console.log(`\nLabelled ok texts blocked (${now.labelledOverBlocks.length}):`);
    for (const h of now.labelledOverBlocks.slice(0, showMisses)) console.log(`  ${h}`);
    console.log(`\nLabelled texts missed (first ${showMisses} of ${now.labelledMisses.length}):`);
    for (const h of now.labelledMisses.slice(0, showMisses)) console.log(`  ${h}`);
    console.log(`\nHam blocked (${now.hamBlocks.length}):`);
    for (const h of now.hamBlocks.slice(0, showMisses)) console.log(`  ${h}`);
    console.log(`\nSpam missed (first ${showMisses} of ${now.spamMisses.length}):`);
    for (const s of now.spamMisses.slice(0, showMisses)) console.log(`  ${s}`);
  }
}

/**
 * Mean µs per call of each check over about `calls` calls cycling through `texts`, after a warm-up:
 * 30 rounds in which every check runs once in turn; each check's best round.
 */
function microsPerMessage(checks: readonly Check[], texts: readonly string[], calls: number): number[] {
  const rounds = 30;
  const perRound = Math.max(1, Math.round(calls / rounds / texts.length));
  for (const check of checks) for (let i = 0; i < Math.max(1, perRound * 4); i += 1) for (const t of texts) check(t);
  const best = checks.map(() => Infinity);
  for (let r = 0; r < rounds; r += 1) {
    checks.forEach((check, k) => {
      const t0 = performance.now();
      for (let i = 0; i < perRound; i += 1) for (const t of texts) check(t);
      best[k] = Math.min(best[k] ?? Infinity, ((performance.now() - t0) * 1000) / (perRound * texts.length));
    });
  }
  return best;
}
