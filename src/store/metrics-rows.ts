/** The rows of the dashboard figures (docs/figures.md), typed at the SQL and mapped to camelCase. */

/** One hourly row of counts. */
export interface HourlyCounts {
  hour: Date;
  fromPhone: string;
  purpose: string;
  sent: number;
  delivered: number;
  failed: number;
  undelivered: number;
  segments: number;
  blocked: number;
  deferred: number;
}

/** One code count: an error code (kind 'error') or a reason code of blocked/deferred messages. */
export interface CodeCount {
  hour: Date;
  kind: 'error' | 'block' | 'defer';
  code: string;
  fromPhone: string;
  purpose: string;
  count: number;
}

/** Inbound messages by number, attributed purpose, kind and keyword. */
export interface InboundCount {
  hour: Date;
  toPhone: string;
  purpose: string;
  kind: string;
  keyword: string;
  count: number;
}

/** The busiest minute of an hour for one sender number. */
export interface SpeedPeak {
  hour: Date;
  fromPhone: string;
  peakPerMinute: number;
}

/** A group of identical or nearly identical bodies sent to many recipients in a short time. */
export interface BulkGroup {
  hour: Date;
  method: 'exact' | 'near';
  key: string;
  peak: number;
  recipients: number;
  firstAt: Date;
  lastAt: Date;
  numbers: string[];
  purposes: string[];
  sample: string;
}

/** Bulk detection settings. */
export interface BulkParams {
  recipients: number;
  windowMinutes: number;
  maxHamming: number;
}

export const num = (x: unknown): number => Number(x);

export interface RawHourly { hour: Date; from_phone: string; purpose: string; sent: number; delivered: number; failed: number; undelivered: number; segments: string | number; blocked: number; deferred: number }
export interface RawCode { hour: Date; kind: CodeCount['kind']; code: string; from_phone: string; purpose: string; count: number }
export interface RawInbound { hour: Date; to_phone: string; purpose: string; kind: string; keyword: string; count: number }
export interface RawSpeed { hour: Date; from_phone: string; peak_per_minute: number }
export interface RawBulk { hour: Date; method: BulkGroup['method']; key: string; peak: number; recipients: number; first_at: Date; last_at: Date; numbers: string[]; purposes: string[]; sample: string }

export const toHourly = (r: RawHourly): HourlyCounts => ({
  hour: r.hour, fromPhone: r.from_phone, purpose: r.purpose, sent: num(r.sent), delivered: num(r.delivered), failed: num(r.failed),
  undelivered: num(r.undelivered), segments: num(r.segments), blocked: num(r.blocked), deferred: num(r.deferred),
});
export const toCode = (r: RawCode): CodeCount => ({ hour: r.hour, kind: r.kind, code: r.code, fromPhone: r.from_phone, purpose: r.purpose, count: num(r.count) });
export const toInbound = (r: RawInbound): InboundCount => ({ hour: r.hour, toPhone: r.to_phone, purpose: r.purpose, kind: r.kind, keyword: r.keyword, count: num(r.count) });
export const toSpeed = (r: RawSpeed): SpeedPeak => ({ hour: r.hour, fromPhone: r.from_phone, peakPerMinute: num(r.peak_per_minute) });
export const toBulk = (r: RawBulk): BulkGroup => ({
  hour: r.hour, method: r.method, key: r.key, peak: num(r.peak), recipients: num(r.recipients), firstAt: r.first_at, lastAt: r.last_at,
  numbers: r.numbers, purposes: r.purposes, sample: r.sample,
});
