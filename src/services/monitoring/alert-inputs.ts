/**
 * The adapter from the figures of GET /v1/metrics (dashboard contract) to the alert rules' inputs.
 * It names only the fields it reads, so any getMetrics that returns the contract's shape fits.
 */
import type { AlertInputs } from '../../core/alerts.js';
import type { AlertInputProvider } from './alerts.js';
import type { ServiceDeps } from '../shared/deps.js';

/** The slice of the /v1/metrics JSON the alert rules read. */
export interface MetricsForAlerts {
  totals: { sent: number; uniqueRecipients: number; deliveryErrorRate: number | null };
  errors: readonly { code: string; count: number; rate: number | null }[];
  optOuts: { count: number; rate: number | null };
  numbers: readonly { phone: string; outbound: number; inbound: number; peakPerMinute: number | null }[];
  bulk: readonly { key: string; sample: string; recipients: number }[];
}

/** `getMetrics(deps, accountId, { window }, now)` of src/services/monitoring/metrics.ts. */
export type GetMetricsForAlerts = (deps: ServiceDeps, accountId: string, query: { window: '24h' | '7d' }, now: Date) => Promise<MetricsForAlerts>;

/** How long before `now` the speed baseline ends: the 7 days before the current 24-hour window. */
export const BASELINE_OFFSET_MS = 24 * 3_600_000;

const finite = (x: number | null | undefined): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/**
 * Alert inputs from the figures of the last 24 hours (`current`) and, for the speed-jump rule,
 * those of the 7 days before them (`baseline`; null: no baseline, every number is new).
 * The 30007 rate is the metrics' rate for that code, or its count over sent.
 */
export function alertInputsFromMetrics(current: MetricsForAlerts, baseline: MetricsForAlerts | null): AlertInputs {
  const sent = finite(current.totals.sent);
  const code = (c: string) => current.errors.find((e) => e.code === c);
  const filtered = code('30007');
  const basePeak = new Map((baseline?.numbers ?? []).map((n) => [n.phone, finite(n.peakPerMinute)]));
  return {
    sent,
    uniqueRecipients: finite(current.totals.uniqueRecipients),
    optOutRate: finite(current.optOuts.rate),
    deliveryErrorRate: finite(current.totals.deliveryErrorRate),
    filteringRate: filtered === undefined ? 0 : filtered.rate ?? (sent > 0 ? filtered.count / sent : 0),
    unregisteredCount: finite(code('30034')?.count),
    numbers: current.numbers.map((n) => ({
      phone: n.phone, outbound: finite(n.outbound), inbound: finite(n.inbound), peakPerMinute: finite(n.peakPerMinute),
      baselinePeakPerMinute: basePeak.get(n.phone) ?? null,
    })),
    bulk: current.bulk.map((b) => ({ key: b.key, sample: b.sample, recipients: finite(b.recipients) })),
  };
}

/** The production input provider: two metrics reads per account (24 h now, 7 d ending 24 h ago). */
export function metricsAlertInputs(getMetrics: GetMetricsForAlerts): AlertInputProvider {
  return async (deps, accountId, now) => {
    const [current, baseline] = await Promise.all([
      getMetrics(deps, accountId, { window: '24h' }, now),
      getMetrics(deps, accountId, { window: '7d' }, new Date(now.getTime() - BASELINE_OFFSET_MS)),
    ]);
    return alertInputsFromMetrics(current, baseline);
  };
}
