import { describe, expect, it } from 'vitest';
import { DEFAULT_BULK, DEFAULT_OUTBOUND_INBOUND_RATIO, resolveMetricsSettings } from './metrics.js';

describe('resolveMetricsSettings', () => {
  it.each([
    ['defaults', null, null, DEFAULT_OUTBOUND_INBOUND_RATIO, DEFAULT_BULK.recipients],
    ['metrics settings', { outboundInboundRatio: 5, bulk: { recipients: 50 } }, null, 5, 50],
    ["the alert rule's threshold wins", { outboundInboundRatio: 5, bulk: { recipients: 50 } }, { inbound_ratio: { threshold: 8 }, bulk_content: { threshold: 40 } }, 8, 40],
    ['an alert rule without a threshold does not', { outboundInboundRatio: 5 }, { inbound_ratio: { enabled: false } }, 5, DEFAULT_BULK.recipients],
    ['malformed values fall back', { outboundInboundRatio: -1, bulk: { recipients: 'x' } }, { inbound_ratio: { threshold: 'high' } }, DEFAULT_OUTBOUND_INBOUND_RATIO, DEFAULT_BULK.recipients],
  ])('%s', (_name, metrics, alerts, ratio, recipients) => {
    const s = resolveMetricsSettings(metrics, alerts);
    expect(s.ratio).toBe(ratio);
    expect(s.bulk.recipients).toBe(recipients);
  });
});
