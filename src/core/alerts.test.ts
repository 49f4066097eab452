import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_RULES,
  ALERT_WEBHOOK_RETRY,
  MIN_OPEN_MS,
  alertWebhookRetryAt,
  evaluateAlerts,
  formatAlertValue,
  resolveAlertRules,
  thresholdProblem,
  type AlertChange,
  type AlertInputs,
  type AlertRule,
  type OpenAlert,
} from './alerts.js';

const NOW = new Date('2026-03-10T17:00:00Z');
const LONG_AGO = new Date(NOW.getTime() - 2 * MIN_OPEN_MS);
const DEFAULTS = resolveAlertRules(undefined);
const N1 = '+12125550100';

/** Healthy figures: nothing fires. */
const QUIET: AlertInputs = {
  sent: 1_000, uniqueRecipients: 800, optOutRate: 0.005, deliveryErrorRate: 0.02, filteringRate: 0, unregisteredCount: 0,
  numbers: [{ phone: N1, outbound: 1_000, inbound: 500, peakPerMinute: 12, baselinePeakPerMinute: 10 }],
  bulk: [],
};

const withNumber = (patch: Partial<AlertInputs['numbers'][number]>): AlertInputs => ({ ...QUIET, numbers: [{ ...QUIET.numbers[0]!, ...patch }] });
const opened = (changes: AlertChange[]): string[] => changes.filter((c) => c.kind === 'open').map((c) => `${c.rule}${c.scope === null ? '' : `@${c.scope}`}`);
const openAlert = (rule: AlertRule, scope: string | null, openedAt = LONG_AGO, threshold = DEFAULTS[rule].threshold): OpenAlert =>
  ({ id: `a-${rule}-${scope ?? ''}`, rule, scope, value: threshold, threshold, openedAt });

describe('evaluateAlerts: what opens', () => {
  it.each<[string, AlertInputs, string[]]>([
    ['healthy figures', QUIET, []],
    ['opt-out rate at the threshold', { ...QUIET, optOutRate: 0.02 }, ['opt_out_rate']],
    ['opt-out rate just under', { ...QUIET, optOutRate: 0.0199 }, []],
    ['opt-out rate high on too few recipients (3)', { ...QUIET, optOutRate: 0.34, uniqueRecipients: 3 }, []],
    ['opt-out rate high on exactly the minimum volume', { ...QUIET, optOutRate: 0.05, uniqueRecipients: 100 }, ['opt_out_rate']],
    ['delivery error rate 8%', { ...QUIET, deliveryErrorRate: 0.08 }, ['delivery_error_rate']],
    ['delivery error rate high on 99 sent', { ...QUIET, deliveryErrorRate: 0.5, sent: 99 }, []],
    ['30007 rate 1%', { ...QUIET, filteringRate: 0.01 }, ['filtering_rate']],
    ['one 30034', { ...QUIET, unregisteredCount: 1 }, ['unregistered_sender']],
    ['inbound ratio 3:1', withNumber({ outbound: 300, inbound: 100 }), [`inbound_ratio@${N1}`]],
    ['inbound ratio with no replies', withNumber({ outbound: 150, inbound: 0 }), [`inbound_ratio@${N1}`]],
    ['inbound ratio with no replies but 99 outbound', withNumber({ outbound: 99, inbound: 0 }), []],
    ['bulk group of 100', { ...QUIET, bulk: [{ key: 'k', sample: 'Sale today', recipients: 40 }, { key: 'k2', sample: 'Big sale', recipients: 100 }] }, ['bulk_content']],
    ['bulk group of 99', { ...QUIET, bulk: [{ key: 'k', sample: 'Sale today', recipients: 99 }] }, []],
    ['speed 3x the baseline', withNumber({ peakPerMinute: 60, baselinePeakPerMinute: 20 }), [`speed_jump@${N1}`]],
    ['speed of a new number under 3x the floor', withNumber({ peakPerMinute: 29, baselinePeakPerMinute: null }), []],
    ['speed of a new number at 3x the floor', withNumber({ peakPerMinute: 30, baselinePeakPerMinute: null }), [`speed_jump@${N1}`]],
    ['speed jump from 1/min to 3/min (below the minimum)', withNumber({ peakPerMinute: 3, baselinePeakPerMinute: 1 }), []],
  ])('%s', (_name, inputs, expected) => {
    expect(opened(evaluateAlerts(DEFAULTS, inputs, [], NOW))).toEqual(expected);
  });

  it('a disabled rule never opens', () => {
    const rules = { ...DEFAULTS, opt_out_rate: { enabled: false, threshold: 0.02 } };
    expect(opened(evaluateAlerts(rules, { ...QUIET, optOutRate: 0.5 }, [], NOW))).toEqual([]);
  });

  it('an edited threshold applies', () => {
    const rules = { ...DEFAULTS, opt_out_rate: { enabled: true, threshold: 0.004 } };
    expect(opened(evaluateAlerts(rules, QUIET, [], NOW))).toEqual(['opt_out_rate']);
  });

  it('the message says the value, the threshold and the evidence', () => {
    const [c] = evaluateAlerts(DEFAULTS, { ...QUIET, optOutRate: 0.031 }, [], NOW);
    expect(c?.message).toBe('opt_out_rate: 3.1% (threshold 2%; 800 recipients)');
  });
});

describe('evaluateAlerts: open alerts stay or resolve', () => {
  it.each<[string, AlertInputs, OpenAlert, 'stay' | 'resolve']>([
    ['still over', { ...QUIET, optOutRate: 0.03 }, openAlert('opt_out_rate', null), 'stay'],
    ['under the threshold but above 80% of it (hysteresis)', { ...QUIET, optOutRate: 0.017 }, openAlert('opt_out_rate', null), 'stay'],
    ['under 80% of the threshold', { ...QUIET, optOutRate: 0.015 }, openAlert('opt_out_rate', null), 'resolve'],
    ['cleared but opened 5 minutes ago', { ...QUIET, optOutRate: 0 }, openAlert('opt_out_rate', null, new Date(NOW.getTime() - 300_000)), 'stay'],
    ['over on low volume stays (the last evidence still shows it)', { ...QUIET, optOutRate: 0.3, uniqueRecipients: 10 }, openAlert('opt_out_rate', null), 'stay'],
    ['no volume at all', { ...QUIET, optOutRate: 0, uniqueRecipients: 0 }, openAlert('opt_out_rate', null), 'resolve'],
    ['30034 gone from the window', QUIET, openAlert('unregistered_sender', null), 'resolve'],
    ['number gone from the figures', { ...QUIET, numbers: [] }, openAlert('inbound_ratio', N1), 'resolve'],
    ['number gone but alert young', { ...QUIET, numbers: [] }, openAlert('inbound_ratio', N1, NOW), 'stay'],
  ])('%s → %s', (_name, inputs, alert, kind) => {
    const changes = evaluateAlerts(DEFAULTS, inputs, [alert], NOW);
    const mine = changes.filter((c) => c.kind !== 'open' && c.id === alert.id);
    expect(mine.map((c) => c.kind)).toEqual([kind]);
    expect(opened(changes)).toEqual([]);
  });

  it('a disabled rule resolves its open alert at once', () => {
    const rules = { ...DEFAULTS, opt_out_rate: { enabled: false, threshold: 0.02 } };
    const changes = evaluateAlerts(rules, { ...QUIET, optOutRate: 0.5 }, [openAlert('opt_out_rate', null, NOW)], NOW);
    expect(changes.map((c) => c.kind)).toEqual(['resolve']);
  });

  it('stay carries the new value', () => {
    const [c] = evaluateAlerts(DEFAULTS, { ...QUIET, optOutRate: 0.04 }, [openAlert('opt_out_rate', null)], NOW);
    expect(c).toMatchObject({ kind: 'stay', id: 'a-opt_out_rate-', value: 0.04 });
  });
});

describe('resolveAlertRules and thresholdProblem', () => {
  it.each<[string, unknown, AlertRule, { enabled: boolean; threshold: number }]>([
    ['nothing stored', undefined, 'opt_out_rate', { enabled: true, threshold: 0.02 }],
    ['a stored threshold', { opt_out_rate: { threshold: 0.01 } }, 'opt_out_rate', { enabled: true, threshold: 0.01 }],
    ['disabled', { inbound_ratio: { enabled: false } }, 'inbound_ratio', { enabled: false, threshold: 3 }],
    ['an out-of-range threshold falls back', { opt_out_rate: { threshold: 5 } }, 'opt_out_rate', { enabled: true, threshold: 0.02 }],
    ['a string threshold falls back', { opt_out_rate: { threshold: '0.01' } }, 'opt_out_rate', { enabled: true, threshold: 0.02 }],
    ['garbage', 'nope', 'speed_jump', { enabled: true, threshold: 3 }],
  ])('%s', (_name, stored, rule, expected) => {
    expect(resolveAlertRules(stored)[rule]).toEqual(expected);
  });

  it.each<[AlertRule, number, boolean]>([
    ['opt_out_rate', 0.05, true], ['opt_out_rate', 0, false], ['opt_out_rate', 1.5, false],
    ['unregistered_sender', 2, true], ['unregistered_sender', 1.5, false], ['bulk_content', 1, false],
    ['inbound_ratio', 0.5, false], ['speed_jump', Number.NaN, false], ['speed_jump', 2, true],
  ])('%s threshold %d acceptable: %s', (rule, t, ok) => {
    expect(thresholdProblem(rule, t) === null).toBe(ok);
  });

  it.each<[AlertRule, number, string]>([
    ['opt_out_rate', 0.025, '2.5%'], ['delivery_error_rate', 0.12, '12%'], ['inbound_ratio', 3.5, '3.5:1'],
    ['bulk_content', 140, '140'], ['speed_jump', 4, '4×'],
  ])('formats %s %d as %s', (rule, x, s) => {
    expect(formatAlertValue(rule, x)).toBe(s);
  });
});

describe('alertWebhookRetryAt', () => {
  it.each([[1, 30_000], [2, 60_000], [3, 120_000], [8, 3_600_000], [9, 3_600_000]])('after %i attempts waits %i ms', (a, ms) => {
    expect(alertWebhookRetryAt(a, NOW)!.getTime() - NOW.getTime()).toBe(ms);
  });
  it.each([ALERT_WEBHOOK_RETRY.maxAttempts, 50])('gives up after %i attempts', (a) => {
    expect(alertWebhookRetryAt(a, NOW)).toBeNull();
  });
});

// ---- properties -----------------------------------------------------------------------------

const phoneArb = fc.constantFrom('+12125550100', '+12125550101', '+12125550102');
const inputsArb: fc.Arbitrary<AlertInputs> = fc.record({
  sent: fc.nat(5_000),
  uniqueRecipients: fc.nat(5_000),
  optOutRate: fc.double({ min: 0, max: 1, noNaN: true }),
  deliveryErrorRate: fc.double({ min: 0, max: 1, noNaN: true }),
  filteringRate: fc.double({ min: 0, max: 1, noNaN: true }),
  unregisteredCount: fc.nat(5),
  numbers: fc.uniqueArray(fc.record({
    phone: phoneArb, outbound: fc.nat(2_000), inbound: fc.nat(2_000), peakPerMinute: fc.nat(200),
    baselinePeakPerMinute: fc.option(fc.nat(200), { nil: null }),
  }), { selector: (n) => n.phone, maxLength: 3 }),
  bulk: fc.array(fc.record({ key: fc.string(), sample: fc.string(), recipients: fc.nat(500) }), { maxLength: 3 }),
});
const rulesArb = fc.record(Object.fromEntries(ALERT_RULES.map((r) => [r, fc.record({
  enabled: fc.boolean(),
  threshold: fc.constantFrom(DEFAULTS[r].threshold, DEFAULTS[r].threshold * 2, Math.max(DEFAULTS[r].threshold / 2, 1e-4)),
})])) as Record<AlertRule, fc.Arbitrary<{ enabled: boolean; threshold: number }>>);

/** Applies changes the way the store does: opens become open alerts, resolves disappear. */
function apply(open: readonly OpenAlert[], changes: readonly AlertChange[], now: Date): OpenAlert[] {
  const next = open.filter((a) => !changes.some((c) => c.kind === 'resolve' && c.id === a.id));
  let n = 0;
  for (const c of changes) if (c.kind === 'open') next.push({ id: `new-${n++}`, rule: c.rule, scope: c.scope, value: c.value, threshold: c.threshold, openedAt: now });
  return next;
}

describe('evaluateAlerts: invariants', () => {
  it('every open alert gets exactly one stay or resolve, and nothing open opens again', () => {
    fc.assert(fc.property(rulesArb, inputsArb, inputsArb, (rules, first, second) => {
      const open = apply([], evaluateAlerts(rules, first, [], NOW), LONG_AGO);
      const changes = evaluateAlerts(rules, second, open, NOW);
      for (const a of open) expect(changes.filter((c) => c.kind !== 'open' && c.id === a.id)).toHaveLength(1);
      for (const c of changes.filter((x) => x.kind === 'open')) expect(open.some((a) => a.rule === c.rule && a.scope === c.scope)).toBe(false);
    }));
  });

  it('the same figures again: an alert opens once and stays open, nothing resolves', () => {
    fc.assert(fc.property(rulesArb, inputsArb, (rules, inputs) => {
      const open = apply([], evaluateAlerts(rules, inputs, [], NOW), LONG_AGO);
      const again = evaluateAlerts(rules, inputs, open, NOW);
      expect(again.every((c) => c.kind === 'stay')).toBe(true);
      expect(again).toHaveLength(open.length);
    }));
  });

  it('lowering a threshold never closes what a higher one opened', () => {
    fc.assert(fc.property(inputsArb, fc.constantFrom(...ALERT_RULES), (inputs, rule) => {
      const low = { ...DEFAULTS, [rule]: { enabled: true, threshold: Math.max(DEFAULTS[rule].threshold / 2, 1e-4) } };
      const hi = opened(evaluateAlerts(DEFAULTS, inputs, [], NOW));
      const lo = opened(evaluateAlerts(low, inputs, [], NOW));
      for (const k of hi) expect(lo).toContain(k);
    }));
  });

  it('nothing opens below a rule\'s minimum volume', () => {
    fc.assert(fc.property(inputsArb, (inputs) => {
      const small = { ...inputs, sent: Math.min(inputs.sent, 99), uniqueRecipients: Math.min(inputs.uniqueRecipients, 99) };
      const names = opened(evaluateAlerts(DEFAULTS, small, [], NOW));
      expect(names.filter((n) => ['opt_out_rate', 'delivery_error_rate', 'filtering_rate'].includes(n))).toEqual([]);
    }));
  });

  it('retry delays never shrink and stay under the cap', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), (a) => {
      const policy = { ...ALERT_WEBHOOK_RETRY, maxAttempts: 1_000 };
      const d1 = alertWebhookRetryAt(a, NOW, policy)!.getTime() - NOW.getTime();
      const d2 = alertWebhookRetryAt(a + 1, NOW, policy)!.getTime() - NOW.getTime();
      expect(d2).toBeGreaterThanOrEqual(d1);
      expect(d2).toBeLessThanOrEqual(policy.capMs);
    }));
  });
});
