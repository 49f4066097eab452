/**
 * Alert rules over the figures carriers watch, and when an alert opens, stays open or
 * resolves. Pure: the figures, the open alerts and `now` come in; changes go out. docs/alerts.md
 * explains each rule, its default and where the default comes from.
 */

/** The closed list of alert rules (spelled out in alerts_rule_check: a new rule needs a new migration). */
export const ALERT_RULES = [
  'opt_out_rate',
  'delivery_error_rate',
  'filtering_rate',
  'unregistered_sender',
  'inbound_ratio',
  'bulk_content',
  'speed_jump',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** How a rule's value and threshold read: a fraction, an N:1 ratio, a count, a multiple of a baseline. */
export type AlertUnit = 'rate' | 'ratio' | 'count' | 'multiple';

/** A rule's fixed definition; only `threshold` (and whether it is enabled) is editable per account. */
export interface AlertRuleDefinition {
  rule: AlertRule;
  /** Default threshold: the alert opens at value >= threshold. */
  threshold: number;
  unit: AlertUnit;
  /** Smallest threshold an account may set (inclusive). */
  min: number;
  /** Largest threshold an account may set (inclusive). */
  max: number;
  /** Thresholds must be whole numbers (counts). */
  integer: boolean;
  /** One alert per sender number (true) or one per account (false). */
  perNumber: boolean;
  /** The volume below which the rule never opens an alert (what "volume" is: see `volumeOf`). */
  minVolume: number;
  description: string;
  /** Where the default comes from; "our policy" where no carrier states one. */
  source: string;
}

/**
 * The default rules. Carriers publish no numeric thresholds; the rates below are the ones SMS
 * platforms state they enforce (third-party pages, unverified against a carrier primary source).
 */
export const ALERT_RULE_DEFINITIONS: Readonly<Record<AlertRule, AlertRuleDefinition>> = {
  opt_out_rate: {
    rule: 'opt_out_rate', threshold: 0.02, unit: 'rate', min: 0.0001, max: 1, integer: false, perNumber: false, minVolume: 100,
    description: 'Opt-outs over unique recipients messaged in the last 24 hours.',
    source: 'Platform policies (unverified against carriers): TextUs names a 1.5% 30-day provider threshold; HighLevel-based platforms lock sending for 24 h at 2%; CallHub requires < 1%.',
  },
  delivery_error_rate: {
    rule: 'delivery_error_rate', threshold: 0.08, unit: 'rate', min: 0.0001, max: 1, integer: false, perNumber: false, minVolume: 100,
    description: 'Failed and undelivered messages over messages sent in the last 24 hours.',
    source: 'Platform policies (unverified against carriers): HighLevel-based platforms warn at 8% and suspend at 12.5%; CallHub and Chekkit require < 10%.',
  },
  filtering_rate: {
    rule: 'filtering_rate', threshold: 0.01, unit: 'rate', min: 0.0001, max: 1, integer: false, perNumber: false, minVolume: 100,
    description: 'Messages failed with 30007 (carrier filtering) over messages sent in the last 24 hours.',
    source: 'Our policy. Twilio error 30007 "Message filtered": blocked by Twilio or the carrier as spam or a policy violation; no public threshold.',
  },
  unregistered_sender: {
    rule: 'unregistered_sender', threshold: 1, unit: 'count', min: 1, max: 1_000_000, integer: true, perNumber: false, minVolume: 0,
    description: 'Any message failed with 30034 (sent from a number not registered to an approved 10DLC campaign) in the last 24 hours.',
    source: 'Twilio error 30034 "Message from an unregistered number": US carriers block unregistered A2P 10DLC traffic, so one is already too many.',
  },
  inbound_ratio: {
    rule: 'inbound_ratio', threshold: 3, unit: 'ratio', min: 1, max: 1_000_000, integer: false, perNumber: true, minVolume: 100,
    description: 'Outbound texts per inbound reply on one sender number in the last 24 hours (no replies counts as one).',
    source: 'Clearsend default (3:1); carriers read many texts with almost no replies as unsolicited traffic. Our policy: no carrier publishes the number.',
  },
  bulk_content: {
    rule: 'bulk_content', threshold: 100, unit: 'count', min: 2, max: 10_000_000, integer: true, perNumber: false, minVolume: 0,
    description: 'Recipients of the largest group of identical or nearly identical bodies sent in a short time (the metrics bulk window).',
    source: 'Clearsend default (100 recipients in 10 minutes). Our policy: carrier filters look at content and volume; no published number.',
  },
  speed_jump: {
    rule: 'speed_jump', threshold: 3, unit: 'multiple', min: 1.1, max: 1_000, integer: false, perNumber: true, minVolume: 10,
    description: 'Peak messages per minute on one number in the last 24 hours over its peak in the 7 days before (at least 10/min as the baseline).',
    source: 'Our policy: a sudden ramp from a number is what carrier volume filters react to; no carrier publishes a multiple.',
  },
};

/** One rule's account setting. */
export interface AlertRuleSetting {
  enabled: boolean;
  threshold: number;
}

/** Every rule's effective setting for one account. */
export type AlertRules = Readonly<Record<AlertRule, AlertRuleSetting>>;

/** True for one of ALERT_RULES. */
export function isAlertRule(s: string): s is AlertRule {
  return (ALERT_RULES as readonly string[]).includes(s);
}

/** Why `threshold` is not acceptable for `rule`, or null when it is. */
export function thresholdProblem(rule: AlertRule, threshold: number): string | null {
  const d = ALERT_RULE_DEFINITIONS[rule];
  if (!Number.isFinite(threshold)) return `threshold of ${rule} must be a finite number`;
  if (d.integer && !Number.isInteger(threshold)) return `threshold of ${rule} must be a whole number`;
  if (threshold < d.min || threshold > d.max) return `threshold of ${rule} must be between ${d.min} and ${d.max}`;
  return null;
}

/**
 * The effective rules of an account: defaults, overridden by the stored settings (untrusted JSON:
 * anything malformed or out of range falls back to the default rather than breaking evaluation).
 */
export function resolveAlertRules(stored: unknown): AlertRules {
  const out = {} as Record<AlertRule, AlertRuleSetting>;
  const obj = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  for (const rule of ALERT_RULES) {
    const raw = obj[rule];
    const s = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const enabled = typeof s.enabled === 'boolean' ? s.enabled : true;
    const t = s.threshold;
    const threshold = typeof t === 'number' && thresholdProblem(rule, t) === null ? t : ALERT_RULE_DEFINITIONS[rule].threshold;
    out[rule] = { enabled, threshold };
  }
  return out;
}

/** One sender number's figures. */
export interface NumberAlertInput {
  phone: string;
  outbound: number;
  inbound: number;
  peakPerMinute: number;
  /** Peak per minute in the baseline period before the window; null when unknown (no history). */
  baselinePeakPerMinute: number | null;
}

/** One group of identical or nearly identical bodies. */
export interface BulkAlertInput {
  key: string;
  sample: string;
  recipients: number;
}

/** The figures the rules read (src/services/monitoring/alert-inputs.ts builds them from GET /v1/metrics). */
export interface AlertInputs {
  /** Messages sent in the window: the volume behind the delivery rates. */
  sent: number;
  /** Unique recipients messaged in the window: the volume behind the opt-out rate. */
  uniqueRecipients: number;
  optOutRate: number;
  deliveryErrorRate: number;
  /** 30007 failures over sent. */
  filteringRate: number;
  /** Number of 30034 failures. */
  unregisteredCount: number;
  numbers: readonly NumberAlertInput[];
  bulk: readonly BulkAlertInput[];
}

/** An alert that is open now (as stored). */
export interface OpenAlert {
  id: string;
  rule: AlertRule;
  /** The sender number for per-number rules; null for account-wide ones. */
  scope: string | null;
  value: number;
  threshold: number;
  openedAt: Date;
}

/** What to do with one (rule, scope). */
export type AlertChange =
  | { kind: 'open'; rule: AlertRule; scope: string | null; value: number; threshold: number; message: string }
  | { kind: 'stay'; id: string; rule: AlertRule; scope: string | null; value: number; threshold: number; message: string }
  | { kind: 'resolve'; id: string; rule: AlertRule; scope: string | null; value: number; threshold: number; message: string };

/**
 * Hysteresis: an open alert stays open until its value falls below this fraction of the threshold,
 * so a rate hovering at the threshold does not open and resolve (and POST) every minute.
 */
export const RESOLVE_FRACTION = 0.8;

/** An open alert never resolves sooner than this after opening (a second guard against flapping). */
export const MIN_OPEN_MS = 15 * 60_000;

interface Observation {
  rule: AlertRule;
  scope: string | null;
  value: number;
  /** The evidence behind the value; below the rule's minVolume nothing opens, at 0 nothing stays. */
  volume: number;
  detail: string;
}

const pct = (x: number): string => `${(x * 100).toFixed(x < 0.1 ? 2 : 1).replace(/\.?0+$/, '')}%`;
const num = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, ''));

/** A value or threshold as people read it. */
export function formatAlertValue(rule: AlertRule, x: number): string {
  switch (ALERT_RULE_DEFINITIONS[rule].unit) {
    case 'rate': return pct(x);
    case 'ratio': return `${num(x)}:1`;
    case 'count': return num(x);
    case 'multiple': return `${num(x)}×`;
    default: {
      const _x: never = ALERT_RULE_DEFINITIONS[rule].unit;
      throw new Error(`unhandled unit ${String(_x)}`);
    }
  }
}

function observe(inputs: AlertInputs): Observation[] {
  const largest = inputs.bulk.reduce<BulkAlertInput | undefined>((a, b) => (a === undefined || b.recipients > a.recipients ? b : a), undefined);
  const floor = ALERT_RULE_DEFINITIONS.speed_jump.minVolume;
  return [
    { rule: 'opt_out_rate', scope: null, value: inputs.optOutRate, volume: inputs.uniqueRecipients, detail: `${inputs.uniqueRecipients} recipients` },
    { rule: 'delivery_error_rate', scope: null, value: inputs.deliveryErrorRate, volume: inputs.sent, detail: `${inputs.sent} sent` },
    { rule: 'filtering_rate', scope: null, value: inputs.filteringRate, volume: inputs.sent, detail: `${inputs.sent} sent` },
    { rule: 'unregistered_sender', scope: null, value: inputs.unregisteredCount, volume: inputs.unregisteredCount, detail: '30034 failures' },
    ...inputs.numbers.map((n): Observation => ({
      rule: 'inbound_ratio', scope: n.phone, value: n.outbound / Math.max(1, n.inbound), volume: n.outbound,
      detail: `${n.outbound} out, ${n.inbound} in`,
    })),
    {
      rule: 'bulk_content', scope: null, value: largest?.recipients ?? 0, volume: largest?.recipients ?? 0,
      detail: largest === undefined ? 'no bulk group' : `"${largest.sample.slice(0, 60)}"`,
    },
    ...inputs.numbers.map((n): Observation => ({
      rule: 'speed_jump', scope: n.phone, value: n.peakPerMinute / Math.max(n.baselinePeakPerMinute ?? 0, floor), volume: n.peakPerMinute,
      detail: `peak ${num(n.peakPerMinute)}/min, baseline ${n.baselinePeakPerMinute === null ? 'none' : `${num(n.baselinePeakPerMinute)}/min`}`,
    })),
  ];
}

function message(o: Observation, threshold: number): string {
  const where = o.scope === null ? '' : ` on ${o.scope}`;
  return `${o.rule}${where}: ${formatAlertValue(o.rule, o.value)} (threshold ${formatAlertValue(o.rule, threshold)}; ${o.detail})`;
}

const keyOf = (rule: AlertRule, scope: string | null): string => `${rule}\u0000${scope ?? ''}`;

/**
 * Which alerts open, stay open (with their new value) and resolve. An alert opens when its rule is
 * enabled, the volume reaches the rule's minimum and the value reaches the threshold, and only when
 * no alert is open for the same (rule, scope). It stays open while the value is at least
 * RESOLVE_FRACTION of the threshold with some volume, and always for its first MIN_OPEN_MS; it
 * resolves otherwise (also when the rule is disabled or the number is gone from the figures).
 * Every open alert gets exactly one 'stay' or 'resolve'. Ordered by rule, then scope.
 */
export function evaluateAlerts(rules: AlertRules, inputs: AlertInputs, openAlerts: readonly OpenAlert[], now: Date): AlertChange[] {
  const open = new Map(openAlerts.map((a) => [keyOf(a.rule, a.scope), a]));
  const seen = new Set<string>();
  const changes: AlertChange[] = [];
  for (const o of observe(inputs)) {
    const key = keyOf(o.rule, o.scope);
    if (seen.has(key)) continue;
    seen.add(key);
    const { enabled, threshold } = rules[o.rule];
    const current = open.get(key);
    if (current === undefined) {
      if (enabled && o.volume >= ALERT_RULE_DEFINITIONS[o.rule].minVolume && o.value >= threshold) {
        changes.push({ kind: 'open', rule: o.rule, scope: o.scope, value: o.value, threshold, message: message(o, threshold) });
      }
      continue;
    }
    const young = now.getTime() - current.openedAt.getTime() < MIN_OPEN_MS;
    const holds = o.volume > 0 && o.value >= threshold * RESOLVE_FRACTION;
    const base = { id: current.id, rule: o.rule, scope: o.scope, value: o.value, threshold, message: message(o, threshold) };
    changes.push(enabled && (holds || young) ? { kind: 'stay', ...base } : { kind: 'resolve', ...base });
  }
  // open alerts with no figures any more (a number that stopped sending): resolve once old enough
  for (const a of openAlerts) {
    const key = keyOf(a.rule, a.scope);
    if (seen.has(key)) continue;
    seen.add(key);
    const young = now.getTime() - a.openedAt.getTime() < MIN_OPEN_MS;
    const { enabled, threshold } = rules[a.rule];
    const where = a.scope === null ? '' : ` on ${a.scope}`;
    const base = { id: a.id, rule: a.rule, scope: a.scope, threshold, message: `${a.rule}${where}: no figures in the window` };
    changes.push(enabled && young ? { kind: 'stay', ...base, value: a.value } : { kind: 'resolve', ...base, value: 0 });
  }
  const order = (r: AlertRule): number => ALERT_RULES.indexOf(r);
  return changes.sort((x, y) => order(x.rule) - order(y.rule) || (x.scope ?? '').localeCompare(y.scope ?? ''));
}

/** Backoff of alert webhook deliveries: 30 s, 1 min, 2 min … capped at 1 hour; 10 attempts in all. */
export const ALERT_WEBHOOK_RETRY = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 10 } as const;

/**
 * When to try a webhook delivery again after `attempts` failed attempts, or null to give up.
 * Deterministic (no jitter): deliveries of different alerts already fall at different times.
 */
export function alertWebhookRetryAt(attempts: number, now: Date, policy: { baseMs: number; capMs: number; maxAttempts: number } = ALERT_WEBHOOK_RETRY): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempts - 1), 30));
  return new Date(now.getTime() + delay);
}
