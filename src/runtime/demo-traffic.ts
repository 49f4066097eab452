import { createHash, randomBytes } from 'node:crypto';
import type { Purpose } from '../core/types.js';
import { createSimulatorProvider } from '../providers/simulator/simulator.js';
import {
  type AcceptInput,
  acceptMessages,
  type AcceptOutcome,
  type Clock,
  dispatchOnce,
  getAccount,
  handleInbound,
  handleStatus,
  listMessages,
  putContact,
  putNumber,
  recordConsent,
  scheduleOnce,
  type ServiceDeps,
} from '../services/index.js';
import { seededRandom } from './seeded-random.js';

/** Options of seedDemoTraffic. */
export interface DemoTrafficOptions {
  /** Whole UTC days of history before `now` (default 3). */
  days?: number;
  /** The real instant the history ends at. */
  now: Date;
  /** Ordinary texts a day besides the marketing blast (default 200). */
  perDay?: number;
}

/** What was seeded (nothing when the account already had messages). */
export interface DemoTrafficResult {
  seeded: boolean;
  accepted: number;
  inbound: number;
}

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/** The demo's own sender numbers (fictional 555-01xx), usable since long before the history starts. */
export const DEMO_SENDERS = ['+12015550101', '+12015550102'] as const;

/**
 * Recipients the simulator treats specially (by suffix, src/providers/simulator/rules.ts): 0003/0005
 * undelivered 30003/30005 (then DND), 0006 failed 30006 (then a landline), 0007 undelivered 30007
 * where the simulator has that rule (else delivered), 0777 delivered then a STOP reply, 0002 a 503
 * on the first attempt then delivered.
 */
export const DEMO_SPECIAL_RECIPIENTS: readonly string[] = [
  '+12125550003', '+13125550005', '+15125550003', '+14155550006', '+16175550006', '+12125550006',
  '+13125550007', '+16175550007', '+16175550777', '+15125550002',
];

const AREAS = [
  { area: '212', timezone: 'America/New_York', state: 'NY' },
  { area: '312', timezone: 'America/Chicago', state: 'IL' },
  { area: '415', timezone: 'America/Los_Angeles', state: 'CA' },
  { area: '512', timezone: 'America/Chicago', state: 'TX' },
  { area: '617', timezone: 'America/New_York', state: 'MA' },
] as const;

const USER_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
] as const;

const REPLIES = ['Thanks!', 'C', 'Confirmed, see you then', 'Can I move it to Thursday?', 'ok', 'Will do', 'Who is this?'] as const;

class StepClock implements Clock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  set(ms: number): void {
    this.t = ms;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

interface DemoContact {
  phone: string;
  sender: string;
  purposes: Purpose[];
}

function optInText(brand: string): string {
  return `By checking this box, I agree to receive appointment reminders and offers from ${brand} by text at the number provided. `
    + 'Consent is not a condition of purchase. Msg & data rates may apply. Msg frequency varies. Reply HELP for help, STOP to cancel.';
}

function bodyFor(brand: string, purpose: Purpose, r: () => number): string {
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][Math.floor(r() * 5)] ?? 'Mon';
  const hour = 9 + Math.floor(r() * 8);
  const time = `${String(hour > 12 ? hour - 12 : hour)}${hour >= 12 ? 'pm' : 'am'}`;
  switch (purpose) {
    case 'transactional':
      return r() < 0.5
        ? `${brand}: your appointment on ${day} at ${time} is confirmed. Reply STOP to opt out.`
        : `${brand}: we received your payment, thank you. Reply STOP to opt out.`;
    case 'informational':
      return r() < 0.5
        ? `${brand}: reminder, your cleaning is ${day} at ${time}. Reply C to confirm. Reply STOP to opt out.`
        : `${brand}: our office is closed ${day} afternoon for staff training. Reply STOP to opt out.`;
    case 'marketing':
      return `${brand}: book a whitening session before ${day} and save 15%. Reply STOP to opt out.`;
    default: {
      const _x: never = purpose;
      throw new Error(`unhandled purpose ${String(_x)}`);
    }
  }
}

/**
 * Fills a demo account with a few days of genuine traffic so that the dashboard is not empty:
 * contacts with web-form (and keyword and call) consent evidence, a few hundred texts a day through
 * acceptMessages, the claim and dispatch, the simulator's signed status webhooks and handleInbound
 * (replies, HELP, STOP and plain-language opt-outs), driven by a clock stepping through the past
 * days. It yields failures 30003/30006 (and 30007 where the simulator has a 0007 rule), a 503 retried,
 * SHAFT texts blocked, quiet-hour deferrals, consent blocks and one bulk marketing blast. Seeds once:
 * nothing happens when the account already has a message. Call it before the workers start: the
 * dispatch steps claim any due queued message of the database.
 */
export async function seedDemoTraffic(deps: ServiceDeps, accountId: string, opts: DemoTrafficOptions): Promise<DemoTrafficResult> {
  if ((await listMessages(deps, accountId, { limit: 1 })).messages.length > 0) return { seeded: false, accepted: 0, inbound: 0 };
  const days = Math.max(1, Math.floor(opts.days ?? 3));
  const perDay = Math.max(20, Math.floor(opts.perDay ?? 200));
  const endMs = opts.now.getTime();
  const firstDay = Math.floor((endMs - days * DAY_MS) / DAY_MS) * DAY_MS;
  const clock = new StepClock(firstDay + 12 * 60 * MIN_MS);
  const sim = createSimulatorProvider({ secret: randomBytes(24).toString('hex'), clock });
  const svc: ServiceDeps = { db: deps.db, provider: sim, clock, log: deps.log, outbound: deps.outbound };
  const account = await getAccount(svc, accountId);
  const brand = account.brandName;
  const r = seededRandom(20_261_110); // the demo is the same on every first start
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  let accepted = 0;
  let inbound = 0;

  // The simulator's webhooks, verified and handled as the HTTP layer would (processWebhook), on the step clock.
  const unsubscribe = sim.onWebhook(async (event) => {
    if (!sim.verifySignature(event.input)) throw new Error('demo simulator webhook signature rejected');
    if (event.kind === 'status') {
      const update = sim.parseStatus(event.input);
      if (update !== null) await handleStatus(svc, account, update);
    } else {
      const msg = sim.parseInbound(event.input);
      if (msg !== null) await handleInbound(svc, account, msg);
    }
  });

  try {
    for (const sender of DEMO_SENDERS) {
      await putNumber(svc, accountId, sender, { provider: 'simulator', registered: true, usableFrom: new Date(firstDay - 30 * DAY_MS).toISOString() });
    }
    const formText = optInText(brand);
    const formHash = createHash('sha256').update(formText).digest('hex');
    const slug = brand.toLowerCase().replace(/[^a-z0-9]+/g, '');
    const contacts: DemoContact[] = [];
    const keywordJoiners: DemoContact[] = [];
    const phones: string[] = [];
    for (let i = 0; i < 160; i++) {
      const a = AREAS[i % AREAS.length] as (typeof AREAS)[number];
      phones.push(`+1${a.area}555${String(100 + Math.floor(i / AREAS.length)).padStart(4, '0')}`);
    }
    phones.push(...DEMO_SPECIAL_RECIPIENTS);
    const special = new Set<string>(DEMO_SPECIAL_RECIPIENTS);
    for (const [i, phone] of phones.entries()) {
      const a = AREAS.find((x) => phone.startsWith(`+1${x.area}`)) ?? AREAS[0];
      const sender = DEMO_SENDERS[i % DEMO_SENDERS.length] as string;
      await putContact(svc, accountId, phone, { timezone: a.timezone, state: a.state, lineType: 'mobile' });
      const grantedAt = new Date(firstDay - Math.floor((1 + r() * 60) * DAY_MS) + Math.floor(r() * DAY_MS)).toISOString();
      const roll = special.has(phone) ? 0 : r();
      if (roll < 0.8) {
        const purposes: Purpose[] = special.has(phone) || r() < 0.85 ? ['marketing', 'informational', 'transactional'] : ['informational', 'transactional'];
        await recordConsent(svc, accountId, phone, {
          channel: 'sms', purposes, method: 'web_form', written: true, grantedAt,
          evidence: {
            url: `https://${slug || 'demo'}.example/text-signup`, formText, formTextSha256: formHash, checkbox: true,
            ip: `203.0.113.${String(1 + (i % 254))}`, userAgent: pick(USER_AGENTS), submittedAt: grantedAt,
          },
        });
        contacts.push({ phone, sender, purposes });
      } else if (roll < 0.9) {
        await recordConsent(svc, accountId, phone, {
          channel: 'sms', purposes: ['transactional'], method: 'verbal', written: false, grantedAt,
          evidence: { recording: `rec-${grantedAt.slice(0, 10)}-${String(i)}`, agent: 'front desk', note: 'asked for appointment texts on the phone' },
        });
        contacts.push({ phone, sender, purposes: ['transactional'] });
      } else if (roll < 0.96) {
        keywordJoiners.push({ phone, sender, purposes: ['informational', 'transactional'] });
      } else {
        // no consent on file: texts to them are blocked (consent.missing), as Clearsend should
        contacts.push({ phone, sender, purposes: [] });
      }
    }

    const drain = async (): Promise<void> => {
      for (let round = 0; round < 50; round++) {
        await scheduleOnce(svc, 1_000);
        const n = await dispatchOnce(svc, { workerId: 'demo-seed', batchSize: 200 });
        clock.advance(3_000); // the carrier answers a few seconds after the send
        await sim.idle();
        if (n === 0) return;
      }
    };
    const send = async (inputs: AcceptInput[]): Promise<AcceptOutcome[]> => {
      if (inputs.length === 0) return [];
      const out = await acceptMessages(svc, accountId, inputs);
      accepted += out.filter((o) => o.ok).length;
      await drain();
      return out;
    };
    const reply = async (from: DemoContact, body: string): Promise<void> => {
      await sim.simulateInbound({ from: from.phone, to: from.sender, body, accountSid: account.sid });
      inbound++;
    };
    const message = (c: DemoContact, purpose: Purpose, body?: string): AcceptInput => ({ to: c.phone, from: c.sender, purpose, body: body ?? bodyFor(brand, purpose, r) });

    const slotsPerDay = 10; // 14:00 to 23:00 UTC, hourly: 9/10am-6/7pm on the East coast, 6/7am-3/4pm in the West
    const perSlot = Math.max(1, Math.round(perDay / slotsPerDay));
    const specials = contacts.filter((c) => special.has(c.phone));
    for (let d = 0; d < days; d++) {
      const dayStart = firstDay + d * DAY_MS;
      for (let s = 0; s < slotsPerDay; s++) {
        const at = dayStart + 14 * 60 * MIN_MS + s * 60 * MIN_MS;
        if (at >= endMs - 10 * MIN_MS) break;
        clock.set(Math.max(at, clock.now().getTime()));
        if (d === 0 && s === 0) {
          // keyword opt-ins (START): consent recorded with the inbound text as evidence, and a confirmation
          for (const j of keywordJoiners) await reply(j, 'START');
          contacts.push(...keywordJoiners);
          await drain();
        }
        const batch: AcceptInput[] = [];
        for (let k = 0; k < perSlot; k++) {
          const u = r();
          const purpose: Purpose = u < 0.42 ? 'transactional' : u < 0.88 ? 'informational' : 'marketing';
          // mostly to contacts whose consent covers the purpose; now and then a list mistake Clearsend blocks
          const eligible = contacts.filter((c) => c.purposes.includes(purpose));
          batch.push(message(r() < 0.04 || eligible.length === 0 ? pick(contacts) : pick(eligible), purpose));
        }
        if (s % 2 === 1) batch.push(message(pick(specials), 'informational'));
        if (s === 2 || s === 7) {
          // content carriers filter: blocked before it costs anything (SHAFT, CTIA §5.3)
          batch.push(message(pick(contacts), 'marketing', s === 2
            ? `${brand}: join our wine and cheese patient night this Friday! Reply STOP to opt out.`
            : `${brand}: free vape starter kit with every cleaning this week. Reply STOP to opt out.`));
        }
        const outcomes = await send(batch);
        if (d === Math.min(1, days - 1) && s === 2) {
          // the monthly promotion: one identical text to every contact with marketing consent within minutes
          clock.advance(5 * MIN_MS);
          const body = `${brand}: spring special! 20% off teeth whitening until Friday. Book at https://${slug || 'demo'}.example/whiten Reply STOP to opt out.`;
          await send(contacts.filter((c) => c.purposes.includes('marketing')).map((c) => message(c, 'marketing', body)));
        }
        // some recipients answer: replies, questions, HELP and the odd opt-out
        clock.advance(4 * MIN_MS);
        for (const o of outcomes) {
          if (!o.ok || o.message.status === 'blocked') continue;
          const c = contacts.find((x) => x.phone === o.message.to);
          if (c === undefined) continue;
          const u = r();
          if (u < 0.006) await reply(c, pick(['STOP', 'Stop', 'unsubscribe']));
          else if (u < 0.008 || (d === 0 && s === 5 && o === outcomes[0])) await reply(c, 'please stop texting me');
          else if (u < 0.018) await reply(c, 'HELP');
          else if (u < 0.13) await reply(c, pick(REPLIES));
        }
        await drain();
      }
      // an evening reminder run: East-coast recipients are past 9pm and deferred to the morning (47 CFR 64.1200(c)(1))
      const evening = dayStart + DAY_MS + 150 * MIN_MS;
      if (evening < endMs - 10 * MIN_MS) {
        clock.set(evening);
        await send(Array.from({ length: Math.max(2, Math.round(perSlot / 2)) }, () => message(pick(contacts), 'informational')));
      }
    }
    // what came due before the real now goes out now; later deferrals stay scheduled for the workers
    clock.set(Math.max(endMs - MIN_MS, clock.now().getTime()));
    await drain();
    return { seeded: true, accepted, inbound };
  } finally {
    unsubscribe();
    await sim.idle();
  }
}
