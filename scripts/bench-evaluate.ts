import { performance } from 'node:perf_hooks';
import { evaluate, type EvaluateRequest } from '../src/core/policy.js';
import { seededRandom } from '../src/runtime/seeded-random.js';

// Area codes in several zones and states (NY, FL, TX, CA, IL, WA, AZ, CO).
const AREA_CODES = ['212', '305', '713', '415', '312', '206', '602', '303', '646', '407', '512', '310'];
const BODIES = [
  'Acme Realty: 3 new listings match your saved search in Brooklyn. See them at https://acmerealty.com/s/8841 Reply STOP to unsubscribe',
  'Acme Realty: Your showing at 41 Elm St is confirmed for Sat 10:30am. Reply STOP to opt out',
  'Acme Realty: Price drop on 12 Oak Ave, now $649,000. Open house Sunday 1-3pm. Reply STOP to unsubscribe',
  'Acme Realty: Hi Dana, your agent Sam will call you tomorrow about the offer. Text STOP to opt out',
];

function phoneNumber(rand: () => number): string {
  const area = AREA_CODES[Math.floor(rand() * AREA_CODES.length)] as string;
  const exchange = String(200 + Math.floor(rand() * 700));
  const line = String(Math.floor(rand() * 10_000)).padStart(4, '0');
  return `+1${area}${exchange}${line}`;
}

function buildRequests(count: number, recipients: number, seed: number): EvaluateRequest[] {
  const rand = seededRandom(seed);
  const pool = Array.from({ length: recipients }, () => phoneNumber(rand));
  const base = Date.parse('2026-03-10T17:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    now: new Date(base + Math.floor(rand() * 3_600_000)),
    message: { to: pool[i % recipients] as string, body: BODIES[i % BODIES.length] as string, purpose: i % 3 === 0 ? 'informational' : 'marketing' },
    sender: { brandName: 'Acme Realty', registered: true },
    consent: [{ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true } }],
    history: { messagesSent: 4, lastOptOutNoticeAt: '2026-03-01T17:00:00Z', sentLast24h: 1 },
  }));
}

function measure(requests: EvaluateRequest[]): { perSecond: number; verdicts: Record<string, number> } {
  const verdicts: Record<string, number> = {};
  for (const r of requests.slice(0, 2_000)) evaluate(r); // warm up the JIT
  const start = performance.now();
  for (const r of requests) {
    const v = evaluate(r).verdict;
    verdicts[v] = (verdicts[v] ?? 0) + 1;
  }
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: requests.length / seconds, verdicts };
}

/** Prints evaluate() decisions/s for recurring and for all-distinct recipients, against the 100k/s target. */
export function benchEvaluate(count = 100_000): void {
  const recurring = measure(buildRequests(count, 1_000, 1));
  const distinct = measure(buildRequests(count, count, 2));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`\nevaluate(): ${count.toLocaleString('en-US')} one-segment texts, one core`);
  console.log('| recipients | decisions/s | target | verdicts |');
  console.log('|---|---:|---:|---|');
  console.log(`| 1,000 recurring | ${fmt(recurring.perSecond)} | ≥ 100,000 ${recurring.perSecond >= 100_000 ? '✓' : '✗'} | ${JSON.stringify(recurring.verdicts)} |`);
  console.log(`| all distinct | ${fmt(distinct.perSecond)} | (shown for reference) | ${JSON.stringify(distinct.verdicts)} |`);
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) benchEvaluate();
