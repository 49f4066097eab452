/**
 * Scores checkContent on the UCI SMS Spam Collection: spam flagged (any block or warn content
 * reason), ham wrongly blocked (any block reason), ham flagged as warn only (for the record),
 * per-code counts; and speed in µs per message on a corpus of ordinary one-segment US business
 * texts (the evaluate() hot path: target about 3 µs) and on the spam and ham corpora.
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

const CANDIDATES = ['test/fixtures/sms-spam-collection.tsv', '../shared/data/sms-spam-collection.tsv'];
const TARGET_SPAM_FLAGGED = 0.8;
const TARGET_HAM_BLOCKED = 0.01;
const TARGET_BUSINESS_US = 3;

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
const explicit = args.find((a, i) => !a.startsWith('--') && (missesAt < 0 || i !== missesAt + 1));
const path = explicit ?? CANDIDATES.find((p) => existsSync(p));

if (path === undefined || !existsSync(path)) {
  console.error(
    `bench-content: SMS Spam Collection not found (looked in ${explicit ?? CANDIDATES.join(', ')}).\n` +
      'Pass its path, e.g. npx tsx scripts/bench-content.ts ../shared/data/sms-spam-collection.tsv\n' +
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
  const usBusiness = microsPerMessage(BUSINESS_TEXTS, 400_000);
  const usSpam = microsPerMessage(spam.map((r) => r.text), 100_000);
  const usHam = microsPerMessage(ham.map((r) => r.text), 200_000);

  const byCode = new Map<string, { spam: number; ham: number }>();
  let spamFlagged = 0;
  let hamBlocked = 0;
  let hamWarned = 0;
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
    } else if (!reasons.some((x) => x.severity === 'block')) {
      if (reasons.some((x) => x.severity === 'warn')) hamWarned += 1;
    } else {
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
  console.log(`Ham flagged as warn only (no block; for the record): ${hamWarned}/${ham.length} = ${pct(hamWarned, ham.length)}`);
  console.log(
    `Speed, business texts (${BUSINESS_TEXTS.length} one-segment US texts): ${usBusiness.toFixed(2)} µs/message  target <= ${TARGET_BUSINESS_US} µs  ${usBusiness <= TARGET_BUSINESS_US ? 'PASS' : 'FAIL'}`,
  );
  console.log(`Speed, spam corpus: ${usSpam.toFixed(2)} µs/message; ham corpus: ${usHam.toFixed(2)} µs/message`);
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

/** Mean µs per checkContent call over about `calls` calls cycling through `texts`, after a warm-up; best of 3 runs. */
function microsPerMessage(texts: readonly string[], calls: number): number {
  const rounds = Math.max(1, Math.round(calls / texts.length));
  for (let i = 0; i < Math.max(1, Math.round(rounds / 4)); i += 1) for (const t of texts) checkContent(t);
  let best = Infinity;
  for (let run = 0; run < 3; run += 1) {
    const t0 = performance.now();
    for (let i = 0; i < rounds; i += 1) for (const t of texts) checkContent(t);
    best = Math.min(best, ((performance.now() - t0) * 1000) / (rounds * texts.length));
  }
  return best;
}
