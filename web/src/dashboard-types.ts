/**
 * The JSON shapes the dashboard pages read, as the HTTP API gives them
 * (GET /v1/metrics, /v1/alerts, /v1/alert-rules) and as the existing routes answer
 * (/v1/evaluate, /v1/lint, /v1/messages, /v1/contacts/:phone, /v1/account, /v1/numbers, /v1/optin-lint).
 * Kept here, not imported from src/, so the browser bundle never reaches into the server.
 */

/** The dashboard's time windows. */
export const WINDOWS = ['24h', '7d', '30d'] as const;
export type MetricsWindow = (typeof WINDOWS)[number];

/** Message purposes (src/core/types.ts PURPOSES). */
export const PURPOSES = ['marketing', 'informational', 'transactional'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** One day of the daily series. */
export interface DailyPoint {
  day: string;
  sent: number;
  delivered: number;
  failed: number;
  optOuts: number;
  inbound: number;
  blocked: number;
  segments: number;
}

/** GET /v1/metrics. Rates are fractions (0.012 = 1.2 %). */
export interface Metrics {
  window: MetricsWindow;
  from: string;
  to: string;
  scope: { number?: string; purpose?: Purpose };
  totals: {
    sent: number;
    delivered: number;
    failed: number;
    undelivered: number;
    deliveryErrorRate: number;
    segments: number;
    estimatedCostUsd: number;
    pricePerSegmentUsd: number;
    uniqueRecipients: number;
  };
  errors: { code: string; name: string; count: number; rate: number }[];
  optOuts: { count: number; rate: number; byKeyword: { keyword: string; count: number }[]; byPhrase: { phrase: string; count: number }[] };
  numbers: {
    phone: string;
    outbound: number;
    inbound: number;
    ratio: number | null;
    ratioThreshold: number;
    overRatio: boolean;
    peakPerMinute: number;
    limitPerMinute: number | null;
    limitUse: number | null;
  }[];
  bulk: { key: string; sample: string; recipients: number; firstAt: string; lastAt: string }[];
  prevented: {
    blocked: number;
    deferred: number;
    byReason: { code: string; count: number; blocked?: number; sev0Tier: string | null; exposureUsd: number }[];
    exposureUsd: number;
  };
  daily: DailyPoint[];
}

/** One alert of GET /v1/alerts. */
export interface Alert {
  id: string;
  rule: string;
  scope: string | null;
  status: 'open' | 'resolved';
  openedAt: string;
  resolvedAt: string | null;
  value: number;
  threshold: number;
  message: string;
  history: { at: string; value: number }[];
  deliveries: { event?: 'opened' | 'resolved'; attempt: number; at: string; ok: boolean; httpStatus: number | null; error?: string | null }[];
}

/** One rule of GET /v1/alert-rules. */
export interface AlertRule {
  rule: string;
  enabled: boolean;
  threshold: number;
  description: string;
  /** How value and threshold read: a fraction, an N:1 ratio, a count, a multiple of a baseline. */
  unit?: 'rate' | 'ratio' | 'count' | 'multiple';
  defaultThreshold?: number;
  /** Below this volume the rule never opens an alert. */
  minVolume?: number;
  /** Where the default comes from. */
  source?: string;
}

export type Severity = 'block' | 'defer' | 'warn' | 'info';
export type Verdict = 'allow' | 'defer' | 'block';

/** A reason of a decision (src/core/types.ts Reason). */
export interface Reason {
  code: string;
  severity: Severity;
  message: string;
  fix?: string;
  span?: { start: number; end: number; text: string };
  sev0Tier?: number;
  until?: string;
  rule?: string;
}

/** POST /v1/evaluate. */
export interface Decision {
  verdict: Verdict;
  reasons: Reason[];
  sendAt?: string;
  body: string;
  segments: { encoding: string; count: number; units: number };
  ruleSetVersion: string;
}

/** POST /v1/lint: the checks of a text on its own (src/http/routes/lint.ts). */
export interface LintAnswer {
  verdict: 'block' | 'warn' | 'ok';
  reasons: Reason[];
  body: string;
  segments: { encoding: string; count: number; units: number };
}

/** POST /v1/messages (202 queued or scheduled; 422 with the same shape when blocked). */
export interface SentMessage {
  id: string;
  to: string;
  from: string | null;
  body: string;
  status: string;
  verdict: Verdict;
  reasons: Reason[];
  sendAt?: string;
  segments: { encoding: string; count: number };
}

/** GET /v1/account (the fields the pages use). */
export interface Account {
  brandName: string;
  brandAliases: string[];
}

/** A derived consent record of GET /v1/contacts/:phone (the core ConsentRecord, dates as ISO strings). */
export interface ConsentRecordJson {
  id?: string;
  channel: 'sms' | 'email' | 'voice';
  purposes: Purpose[];
  method: string;
  written: boolean;
  grantedAt: string;
  revokedAt?: string;
  evidence?: Record<string, unknown>;
}

/** GET /v1/contacts/:phone (the fields the pages use). */
export interface Contact {
  phone: string;
  timezone: string | null;
  state: string | null;
  lineType: string | null;
  dnd: boolean;
  consent: ConsentRecordJson[];
}

/** One sender number of GET /v1/numbers. */
export interface SenderNumber {
  phone: string;
  registered: boolean;
  usableFrom: string | null;
}

/** POST /v1/optin-lint (src/core/optin-lint.ts OptInLintResult). */
export interface OptInFinding {
  element: string;
  status: 'present' | 'missing' | 'problem';
  message: string;
  fix?: string;
  span?: { start: number; end: number; text: string };
}
export interface OptInLintResult {
  ok: boolean;
  format: 'html' | 'text';
  findings: OptInFinding[];
}
