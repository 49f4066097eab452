/**
 * The figures carriers watch, per account, sender number and purpose (GET /v1/metrics;
 * docs/figures.md explains each). Closed time is read from the
 * hourly rollups (`rollupOnce`), the minutes since the last rollup from the raw tables.
 */
import { errorCodeName } from '../../core/error-codes.js';
import { NEAR_MAX_HAMMING } from '../../core/fingerprint.js';
import { SEV0_TIERS, type Purpose, type ReasonCode, type Sev0Tier } from '../../core/types.js';
import { selectAccountsForRollup, selectMetricsSettings } from '../../store/accounts.js';
import { countUniqueRecipients, liveBulk, liveCodes, liveHourly, liveInbound, liveSpeed } from '../../store/metrics-live.js';
import { rolledBulk, rolledCodes, rolledDaily, rolledInbound, rolledSpeed, rollupRange, selectRolledTo } from '../../store/metrics-rollup.js';
import type { BulkGroup, BulkParams, CodeCount, HourlyCounts, InboundCount, SpeedPeak } from '../../store/metrics-rows.js';
import { selectNumberLimits } from '../../store/numbers.js';
import type { ServiceDeps } from '../shared/deps.js';

import { METRICS_WINDOWS, type MetricsView } from './views.js';

export { METRICS_WINDOWS, type MetricsView };
export type MetricsWindow = (typeof METRICS_WINDOWS)[number];
const WINDOW_MS: Record<MetricsWindow, number> = { '24h': 24 * 3_600_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Default outbound:inbound threshold (our policy, no carrier publishes one). */
export const DEFAULT_OUTBOUND_INBOUND_RATIO = 3;
/**
 * Default price per segment: Twilio's US long-code list price as we last knew it (unverified:
 * twilio.com/en-us/sms/pricing/us was not opened). Set `metrics.pricePerSegmentUsd` to your own.
 */
export const DEFAULT_PRICE_PER_SEGMENT_USD = 0.0083;
/** Default bulk thresholds (our policy). */
export const DEFAULT_BULK = { recipients: 100, windowMinutes: 10 } as const;
/**
 * Default sending limit per number: 60 per minute, the 1 message per second most providers apply
 * to a 10DLC number before its campaign class is known (us-rules.md §4a "Per-number", AWS and
 * Telnyx). Our policy; a campaign's real AT&T TPM or T-Mobile cap may be higher or lower.
 */
export const DEFAULT_LIMIT_PER_MINUTE = 60;

/**
 * The T-Mobile Sev-0 tier of each blocked content reason (docs/content-rules.md; tiers from
 * aggregator notices, unverified from T-Mobile's own text). content.phishing counts at tier 1
 * although a few of its rules (premium-rate charges) are tier 3: the stored reason codes do not
 * keep the rule.
 */
export const SEV0_TIER_BY_CODE: Partial<Record<ReasonCode, Sev0Tier>> = {
  'content.phishing': 1,
  'content.cannabis': 2,
  'content.shaft.sex': 3,
  'content.shaft.hate': 3,
  'content.shaft.alcohol': 3,
  'content.shaft.firearms': 3,
  'content.shaft.tobacco': 3,
  'content.high_risk_finance': 3,
};

/** The query of GET /v1/metrics. */
export interface MetricsQuery {
  window: MetricsWindow;
  number?: string;
  purpose?: Purpose;
}

const positive = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined);
const record = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/**
 * The account's metrics settings with defaults; malformed values fall back to the default. The
 * outbound:inbound ratio and the bulk recipient count are also alert thresholds: the alert rule's
 * threshold (`settings.alerts.inbound_ratio` / `bulk_content`), when the account set one, wins, so
 * that the dashboard's line and the alert agree.
 */
export function resolveMetricsSettings(raw: unknown, alerts: unknown = null): { ratio: number; price: number; bulk: BulkParams; limitPerMinute: number } {
  const s = record(raw);
  const bulk = record(s.bulk);
  const alertThreshold = (rule: string): number | undefined => positive(record(record(alerts)[rule]).threshold);
  return {
    ratio: alertThreshold('inbound_ratio') ?? positive(s.outboundInboundRatio) ?? DEFAULT_OUTBOUND_INBOUND_RATIO,
    price: typeof s.pricePerSegmentUsd === 'number' && Number.isFinite(s.pricePerSegmentUsd) && s.pricePerSegmentUsd >= 0 ? s.pricePerSegmentUsd : DEFAULT_PRICE_PER_SEGMENT_USD,
    bulk: {
      recipients: Math.max(2, Math.floor(alertThreshold('bulk_content') ?? positive(bulk.recipients) ?? DEFAULT_BULK.recipients)),
      windowMinutes: Math.max(1, Math.floor(positive(bulk.windowMinutes) ?? DEFAULT_BULK.windowMinutes)),
      maxHamming: NEAR_MAX_HAMMING,
    },
    limitPerMinute: positive(s.limitPerMinute) ?? DEFAULT_LIMIT_PER_MINUTE,
  };
}

const floorHour = (t: number): number => Math.floor(t / HOUR) * HOUR;
const dayOf = (d: Date): string => new Date(Math.floor(d.getTime() / DAY) * DAY).toISOString().slice(0, 10);
const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const OPT_OUT_KINDS = new Set(['opt_out', 'opt_out_phrase']);

function addTo<K>(map: Map<K, number>, key: K, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function sorted<T extends { count: number }>(xs: T[], key: (x: T) => string): T[] {
  return xs.sort((a, b) => b.count - a.count || key(a).localeCompare(key(b)));
}

/** Where the rollup stops and live reading starts for a window [from, now). */
export function splitPoint(from: number, now: number, rolledTo: number | null): number {
  if (rolledTo === null) return from;
  if (rolledTo <= now) return Math.max(rolledTo, from);
  // asked about the past (now before the rollup's reach): whole rolled hours, then live
  return Math.max(from, floorHour(now));
}

/**
 * The figures of one account over the window ending at `now` (from = now − window, rounded down to
 * the hour), optionally for one sender number and/or purpose. See docs/figures.md.
 */
export async function getMetrics(deps: Pick<ServiceDeps, 'db'>, accountId: string, query: MetricsQuery, now: Date): Promise<MetricsView> {
  const db = deps.db;
  const to = now.getTime();
  const from = floorHour(to - WINDOW_MS[query.window]);
  const [ctx, numberLimits, rolledTo] = await Promise.all([selectMetricsSettings(db, accountId), selectNumberLimits(db, accountId), selectRolledTo(db, accountId)]);
  const settings = resolveMetricsSettings(ctx.metrics, ctx.alerts);
  const split = splitPoint(from, to, rolledTo?.getTime() ?? null);
  const F = new Date(from);
  const S = new Date(split);
  // [from, now]: what happened at `now` itself counts
  const N = new Date(Math.max(to + 1, split));
  const live = split < N.getTime();
  const none = <T>(): Promise<T[]> => Promise.resolve([]);

  const [rHourly, rCodes, rInbound, rSpeed, rBulk, lHourly, lCodes, lInbound, lSpeed, lBulk, uniqueRecipients] = await Promise.all([
    split > from ? rolledDaily(db, accountId, F, S) : none<HourlyCounts>(),
    split > from ? rolledCodes(db, accountId, F, S, query.number ?? null, query.purpose ?? null) : none<CodeCount>(),
    split > from ? rolledInbound(db, accountId, F, S) : none<InboundCount>(),
    split > from ? rolledSpeed(db, accountId, F, S) : none<SpeedPeak>(),
    split > from ? rolledBulk(db, accountId, F, S) : none<BulkGroup>(),
    live ? liveHourly(db, accountId, S, N) : none<HourlyCounts>(),
    live ? liveCodes(db, accountId, S, N) : none<CodeCount>(),
    live ? liveInbound(db, accountId, S, N) : none<InboundCount>(),
    live ? liveSpeed(db, accountId, S, N) : none<SpeedPeak>(),
    // windows ending after the split; the rollup found those ending before it
    live ? liveBulk(db, accountId, S, N, settings.bulk, F) : none<BulkGroup>(),
    countUniqueRecipients(db, accountId, { from: F, split: S, hi: N, number: query.number ?? null, purpose: query.purpose ?? null }),
  ]);

  const byNumber = (phone: string): boolean => query.number === undefined || phone === query.number;
  const byPurpose = (purpose: string): boolean => query.purpose === undefined || purpose === query.purpose;
  const hourly = [...rHourly, ...lHourly].filter((h) => byNumber(h.fromPhone) && byPurpose(h.purpose));
  const codes = [...rCodes, ...lCodes].filter((c) => byNumber(c.fromPhone) && byPurpose(c.purpose));
  const inboundAll = [...rInbound, ...lInbound];
  const inbound = inboundAll.filter((i) => byNumber(i.toPhone) && byPurpose(i.purpose));

  // totals and daily
  const t = { sent: 0, delivered: 0, failed: 0, undelivered: 0, segments: 0, blocked: 0, deferred: 0 };
  const daily = new Map<string, MetricsView['daily'][number]>();
  const dayRow = (day: string) => {
    let d = daily.get(day);
    if (d === undefined) {
      d = { day, sent: 0, delivered: 0, failed: 0, optOuts: 0, inbound: 0, blocked: 0, segments: 0 };
      daily.set(day, d);
    }
    return d;
  };
  for (let d = from; d < to; d += DAY) dayRow(dayOf(new Date(d)));
  dayRow(dayOf(now));
  for (const h of hourly) {
    t.sent += h.sent; t.delivered += h.delivered; t.failed += h.failed; t.undelivered += h.undelivered;
    t.segments += h.segments; t.blocked += h.blocked; t.deferred += h.deferred;
    const d = dayRow(dayOf(h.hour));
    d.sent += h.sent; d.delivered += h.delivered; d.failed += h.failed; d.blocked += h.blocked; d.segments += h.segments;
  }
  const outcomes = t.delivered + t.failed + t.undelivered;

  // errors
  const errorCounts = new Map<string, number>();
  const reasonCounts = new Map<string, { count: number; blocked: number }>();
  for (const c of codes) {
    if (c.kind === 'error') addTo(errorCounts, c.code, c.count);
    else {
      const r = reasonCounts.get(c.code) ?? { count: 0, blocked: 0 };
      r.count += c.count;
      if (c.kind === 'block') r.blocked += c.count;
      reasonCounts.set(c.code, r);
    }
  }
  const errors = sorted([...errorCounts].map(([code, count]) => ({ code, name: errorCodeName(code), count, rate: round(ratio(count, outcomes), 6) })), (e) => e.code);

  // opt-outs
  let optOutCount = 0;
  const byKeyword = new Map<string, number>();
  const byPhrase = new Map<string, number>();
  for (const i of inbound) {
    const d = dayRow(dayOf(i.hour));
    d.inbound += i.count;
    if (!OPT_OUT_KINDS.has(i.kind)) continue;
    optOutCount += i.count;
    d.optOuts += i.count;
    addTo(i.kind === 'opt_out' ? byKeyword : byPhrase, i.keyword, i.count);
  }

  // numbers: the purpose filter does not apply (ratio and speed are properties of the number)
  const outboundBy = new Map<string, number>();
  for (const h of [...rHourly, ...lHourly]) if (h.fromPhone !== '' && byNumber(h.fromPhone)) addTo(outboundBy, h.fromPhone, h.sent);
  const inboundBy = new Map<string, number>();
  for (const i of inboundAll) if (byNumber(i.toPhone)) addTo(inboundBy, i.toPhone, i.count);
  const peakBy = new Map<string, number>();
  for (const s of [...rSpeed, ...lSpeed]) if (s.fromPhone !== '') peakBy.set(s.fromPhone, Math.max(peakBy.get(s.fromPhone) ?? 0, s.peakPerMinute));
  const limits = new Map(numberLimits.map((n) => [n.phone, n.limitPerMinute]));
  const phones = new Set([...numberLimits.map((n) => n.phone), ...outboundBy.keys(), ...inboundBy.keys()].filter(byNumber));
  const numbers = [...phones].sort().map((phone) => {
    const outbound = outboundBy.get(phone) ?? 0;
    const inb = inboundBy.get(phone) ?? 0;
    const peak = peakBy.get(phone) ?? 0;
    const limit = limits.get(phone) ?? settings.limitPerMinute;
    return {
      phone, outbound, inbound: inb, ratio: inb > 0 ? round(outbound / inb, 4) : null, ratioThreshold: settings.ratio,
      overRatio: outbound > settings.ratio * inb, peakPerMinute: peak, limitPerMinute: limit, limitUse: round(peak / limit, 4),
    };
  });

  // bulk: one entry per group, merged over rollup chunks and the live tail
  const groups = new Map<string, { g: BulkGroup; total: number }>();
  for (const g of [...rBulk, ...lBulk]) {
    const id = `${g.method}:${g.key}`;
    const m = groups.get(id);
    if (m === undefined) groups.set(id, { g: { ...g, numbers: [...g.numbers], purposes: [...g.purposes] }, total: g.recipients });
    else {
      m.total += g.recipients;
      m.g.peak = Math.max(m.g.peak, g.peak);
      if (g.firstAt < m.g.firstAt) { m.g.firstAt = g.firstAt; m.g.sample = g.sample; }
      if (g.lastAt > m.g.lastAt) m.g.lastAt = g.lastAt;
      m.g.numbers = [...new Set([...m.g.numbers, ...g.numbers])].sort();
      m.g.purposes = [...new Set([...m.g.purposes, ...g.purposes])].sort();
    }
  }
  const bulk = [...groups.values()]
    .filter(({ g }) => g.lastAt.getTime() >= from && g.peak >= settings.bulk.recipients
      && (query.number === undefined || g.numbers.includes(query.number)) && (query.purpose === undefined || g.purposes.includes(query.purpose)))
    .sort((a, b) => b.g.peak - a.g.peak || a.g.firstAt.getTime() - b.g.firstAt.getTime())
    .map(({ g, total }) => ({
      key: g.key, method: g.method, sample: g.sample, recipients: g.peak, totalRecipients: total, windowMinutes: settings.bulk.windowMinutes,
      firstAt: g.firstAt.toISOString(), lastAt: g.lastAt.toISOString(), numbers: g.numbers, purposes: g.purposes,
    }));

  // prevented
  const byReason = [...reasonCounts].map(([code, r]) => {
    const tier = SEV0_TIER_BY_CODE[code as ReasonCode];
    return {
      code, count: r.count, blocked: r.blocked, sev0Tier: tier === undefined ? null : `Tier ${tier}`,
      exposureUsd: tier === undefined ? 0 : r.blocked * SEV0_TIERS[tier].fineUsd,
    };
  }).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));

  return {
    window: query.window,
    from: F.toISOString(),
    to: now.toISOString(),
    scope: { ...(query.number === undefined ? {} : { number: query.number }), ...(query.purpose === undefined ? {} : { purpose: query.purpose }) },
    totals: {
      sent: t.sent, delivered: t.delivered, failed: t.failed, undelivered: t.undelivered,
      deliveryErrorRate: round(ratio(t.failed + t.undelivered, outcomes), 6), segments: t.segments,
      estimatedCostUsd: round(t.segments * settings.price, 4), pricePerSegmentUsd: settings.price, uniqueRecipients,
    },
    errors,
    optOuts: {
      count: optOutCount, rate: round(ratio(optOutCount, uniqueRecipients), 6),
      byKeyword: sorted([...byKeyword].map(([keyword, count]) => ({ keyword, count })), (k) => k.keyword),
      byPhrase: sorted([...byPhrase].map(([phrase, count]) => ({ phrase, count })), (k) => k.phrase),
    },
    numbers,
    bulk,
    prevented: { blocked: t.blocked, deferred: t.deferred, byReason, exposureUsd: byReason.reduce((s, r) => s + r.exposureUsd, 0) },
    daily: [...daily.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/**
 * How far back the first rollup step of each hour recomputes (late events, clock skew between
 * processes): an event stamped up to this long before the rollup's reach when it commits is counted.
 */
export const ROLLUP_TRAILING_MS = 2 * HOUR;
/**
 * How far back every other step recomputes (transactions still in flight when the last step read):
 * from the hour of rolled_to minus this, so a step a minute reads at most about an hour of traffic.
 */
export const ROLLUP_SETTLE_MS = 5 * 60_000;
/** The oldest time the rollup reads on a first run (the longest window plus a day). */
export const ROLLUP_MAX_BACKFILL_MS = 31 * DAY;
/**
 * Largest span whose events one rollup chunk joins to their messages at once (a temporary table);
 * a first run backfills day by day, in one transaction per account.
 */
export const ROLLUP_CHUNK_MS = DAY;

/**
 * One rollup step for every account: recompute the hourly figures from `rolled_to` minus
 * {@link ROLLUP_SETTLE_MS}, or minus {@link ROLLUP_TRAILING_MS} when `now` is in a later hour than
 * `rolled_to` (both hour-aligned), up to `now` (one transaction per account, in day-sized
 * chunks), and the daily figures of the days it closed or touched. Run it every minute or so
 * (startWorkers); the dashboard reads anything newer live. Returns the accounts rolled.
 */
export async function rollupOnce(deps: Pick<ServiceDeps, 'db'>, now: Date): Promise<number> {
  const accounts = await selectAccountsForRollup(deps.db);
  const end = now.getTime();
  for (const a of accounts) {
    const settings = resolveMetricsSettings(a.metrics, a.alerts);
    const rolledTo = await selectRolledTo(deps.db, a.accountId);
    const earliest = floorHour(end - ROLLUP_MAX_BACKFILL_MS);
    const prev = rolledTo === null ? null : Math.min(rolledTo.getTime(), end);
    const back = prev !== null && floorHour(prev) === floorHour(end) ? ROLLUP_SETTLE_MS : ROLLUP_TRAILING_MS;
    const lo = prev === null ? earliest : Math.max(earliest, floorHour(prev - back));
    if (lo < end) await rollupRange(deps.db, a.accountId, new Date(lo), new Date(end), settings.bulk, ROLLUP_CHUNK_MS);
  }
  return accounts.length;
}
