/**
 * Scores checkContent on the UCI SMS Spam Collection: spam flagged (any block or warn content
 * reason) and ham wrongly blocked (any block reason), per-code counts and µs per message.
 * Run: `npx tsx scripts/bench-content.ts [path/to/sms-spam-collection.tsv] [--misses N]`.
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

const CANDIDATES = ['data/sms-spam-collection.tsv', 'test/fixtures/sms-spam-collection.tsv', '/work/shared/data/sms-spam-collection.tsv'];
const TARGET_SPAM_FLAGGED = 0.8;
const TARGET_HAM_BLOCKED = 0.01;

const args = process.argv.slice(2);
const missesAt = args.indexOf('--misses');
const showMisses = missesAt >= 0 ? Number(args[missesAt + 1] ?? '20') : 0;
const explicit = args.find((a, i) => !a.startsWith('--') && (missesAt < 0 || i !== missesAt + 1));
const path = explicit ?? CANDIDATES.find((p) => existsSync(p));

if (path === undefined || !existsSync(path)) {
  console.error(
    `bench-content: SMS Spam Collection not found (looked in ${explicit ?? CANDIDATES.join(', ')}).\n` +
      'Pass its path, e.g. npx tsx scripts/bench-content.ts /work/shared/data/sms-spam-collection.tsv\n' +
      'Get it from https://archive.ics.uci.edu/dataset/228/sms+spam+collection (CC BY 4.0); format: label<TAB>text, no header.',
  );
  process.exitCode = 2;
} else {
  run(path);
}

function run(file: string): void {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const tab = l.indexOf('\t');
      return { label: l.slice(0, tab), text: l.slice(tab + 1) };
    });
  const spam = rows.filter((r) => r.label === 'spam');
  const ham = rows.filter((r) => r.label === 'ham');

  const results = rows.map((r) => checkContent(r.text)); // warm-up and results
  const t0 = performance.now();
  const rounds = 5;
  for (let i = 0; i < rounds; i += 1) for (const r of rows) checkContent(r.text);
  const usPerMessage = ((performance.now() - t0) * 1000) / (rounds * rows.length);

  const byCode = new Map<string, { spam: number; ham: number }>();
  let spamFlagged = 0;
  let hamBlocked = 0;
  const spamMisses: string[] = [];
  const hamBlocks: string[] = [];
  rows.forEach((row, i) => {
    const reasons: Reason[] = results[i] ?? [];
    const codes = new Set(reasons.map((x) => `${x.code} [${x.severity}]`));
    for (const c of codes) {
      const entry = byCode.get(c) ?? { spam: 0, ham: 0 };
      if (row.label === 'spam') entry.spam += 1;
      else entry.ham += 1;
      byCode.set(c, entry);
    }
    if (row.label === 'spam') {
      if (reasons.some((x) => x.severity === 'block' || x.severity === 'warn')) spamFlagged += 1;
      else spamMisses.push(row.text);
    } else if (reasons.some((x) => x.severity === 'block')) {
      hamBlocked += 1;
      hamBlocks.push(`${reasons.filter((x) => x.severity === 'block').map((x) => `${x.rule ?? x.code}:"${x.span?.text ?? ''}"`).join(' ')} | ${row.text}`);
    }
  });

  const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(2)}%`;
  const spamRate = spamFlagged / spam.length;
  const hamRate = hamBlocked / ham.length;
  console.log(`Corpus: ${file}`);
  console.log('SMS Spam Collection v.1 (Almeida & Gómez Hidalgo, UCI ML Repository, DOI 10.24432/C5CC84), CC BY 4.0');
  console.log(`Messages: ${rows.length} (${spam.length} spam, ${ham.length} ham)`);
  console.log(`Spam flagged (any block/warn): ${spamFlagged}/${spam.length} = ${pct(spamFlagged, spam.length)}  target >= ${TARGET_SPAM_FLAGGED * 100}%  ${spamRate >= TARGET_SPAM_FLAGGED ? 'PASS' : 'FAIL'}`);
  console.log(`Ham wrongly blocked (any block): ${hamBlocked}/${ham.length} = ${pct(hamBlocked, ham.length)}  target <= ${TARGET_HAM_BLOCKED * 100}%  ${hamRate <= TARGET_HAM_BLOCKED ? 'PASS' : 'FAIL'}`);
  console.log(`Speed: ${usPerMessage.toFixed(1)} µs/message (mean over ${rounds} x ${rows.length})`);
  console.log('Per code (messages with at least one reason of that code):');
  for (const [code, n] of [...byCode.entries()].sort((a, b) => b[1].spam + b[1].ham - (a[1].spam + a[1].ham))) {
    console.log(`  ${code.padEnd(40)} spam ${String(n.spam).padStart(4)}  ham ${String(n.ham).padStart(4)}`);
  }
  if (showMisses > 0) {
    console.log(`\nHam blocked (${hamBlocks.length}):`);
    for (const h of hamBlocks.slice(0, showMisses)) console.log(`  ${h}`);
    console.log(`\nSpam missed (first ${showMisses} of ${spamMisses.length}):`);
    for (const s of spamMisses.slice(0, showMisses)) console.log(`  ${s}`);
  }
}
