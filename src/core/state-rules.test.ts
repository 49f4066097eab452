import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATE_RULE_CASES, type StateRuleCase } from '../data/state-rules.cases.js';
import type { DayWindow, StateRule } from '../data/state-rule-types.js';
import { STATE_RULES } from '../data/state-rules.js';
import { nextAllowedInstant } from './quiet-hours.js';

// ---- wall-clock helpers (independent of the engine under test) ----

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function zonedParts(instant: Date, zone: string): { y: number; mo: number; d: number; h: number; mi: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    y: Number(get('year')),
    mo: Number(get('month')),
    d: Number(get('day')),
    h: Number(get('hour')),
    mi: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** Minutes to add to UTC to get `zone` wall time at `utcMs`. */
function offsetMinutes(utcMs: number, zone: string): number {
  const p = zonedParts(new Date(utcMs), zone);
  return (Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(utcMs / 60_000) * 60_000) / 60_000;
}

/** `YYYY-MM-DDTHH:MM` recipient wall time in `zone` -> instant (wall times used here never fall in a DST gap). */
function localToUtc(local: string, zone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (m === null) throw new Error(`bad local time ${local}`);
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const first = naive - offsetMinutes(naive, zone) * 60_000;
  return new Date(naive - offsetMinutes(first, zone) * 60_000);
}

function toMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Weekday and minute of day of `instant` on the row's own clock (recipient local, or fixed standard time). */
function ruleClock(instant: Date, row: StateRule, zone: string): { weekday: number; minutes: number } {
  if (row.clock.kind === 'standard_time') {
    const shifted = new Date(instant.getTime() + row.clock.utcOffsetMinutes * 60_000);
    return { weekday: shifted.getUTCDay(), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
  }
  const p = zonedParts(instant, zone);
  return { weekday: p.weekday, minutes: p.h * 60 + p.mi };
}

function insideWindow(windows: readonly DayWindow[], at: { weekday: number; minutes: number }): boolean {
  return windows.some(
    (w) => w.days.some((d) => d === at.weekday) && at.minutes >= toMinutes(w.start) && at.minutes < toMinutes(w.end),
  );
}

function rowOf(id: string): StateRule {
  const row = STATE_RULES.find((r) => r.id === id);
  if (row === undefined) throw new Error(`no row ${id}`);
  return row;
}

function runCase(c: StateRuleCase): ReturnType<typeof nextAllowedInstant> {
  const row = rowOf(c.rule);
  return nextAllowedInstant(
    {
      purpose: c.purpose,
      zones: [c.zone],
      states: [row.state],
      recentSends: (c.recentSendsLocal ?? []).map((l) => localToUtc(l, c.zone)),
      rules: [row],
    },
    localToUtc(c.local, c.zone),
  );
}

const casesOf = (id: string): StateRuleCase[] => STATE_RULE_CASES.filter((c) => c.rule === id);

// ---- the helpers themselves must be right, or every case below is meaningless ----

describe('local wall time helper', () => {
  it.each([
    ['2024-03-05T08:00', 'America/New_York', '2024-03-05T13:00:00.000Z'],
    ['2024-07-10T08:00', 'America/New_York', '2024-07-10T12:00:00.000Z'],
    ['2022-07-12T09:00', 'America/Chicago', '2022-07-12T14:00:00.000Z'],
    ['2024-03-11T09:00', 'America/New_York', '2024-03-11T13:00:00.000Z'],
    ['2025-09-08T20:30', 'America/Denver', '2025-09-09T02:30:00.000Z'],
  ])('%s in %s is %s', (local, zone, iso) => {
    expect(localToUtc(local, zone).toISOString()).toBe(iso);
  });
});

// ---- the table ----

describe('STATE_RULES rows', () => {
  it.each(STATE_RULES.map((r) => [r.id, r] as const))('%s is well formed', (_id, row) => {
    expect(row.id).toMatch(/^[A-Z]{2}-\d{4}$/);
    expect(row.id.slice(0, 2)).toBe(row.state);
    expect(row.id.slice(3)).toBe(row.effectiveFrom.slice(0, 4));
    expect(row.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (row.effectiveTo !== undefined) {
      expect(row.effectiveTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.effectiveTo > row.effectiveFrom).toBe(true);
    }
    expect(row.purposes).toEqual(['marketing']);
    expect(row.sources.length).toBeGreaterThan(0);
    for (const s of row.sources) {
      expect(s.citation.trim()).not.toBe('');
      if (s.url !== undefined) expect(s.url).toMatch(/^https?:\/\//);
    }
    expect(row.windows.length).toBeGreaterThan(0);
    const seenDays = new Set<number>();
    for (const w of row.windows) {
      expect(w.start).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(w.end).toMatch(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
      expect(toMinutes(w.start)).toBeLessThan(toMinutes(w.end));
      for (const d of w.days) {
        expect(seenDays.has(d)).toBe(false);
        seenDays.add(d);
      }
    }
    if (row.cap !== undefined) {
      expect(row.cap.count).toBeGreaterThan(0);
      expect(row.cap.hours).toBeGreaterThan(0);
    }
    if (row.verified !== 'primary') expect(row.notes ?? '').not.toBe('');
  });

  it('ids are unique', () => {
    expect(new Set(STATE_RULES.map((r) => r.id)).size).toBe(STATE_RULES.length);
  });

  it('rows of one state never overlap in effective dates', () => {
    const byState = new Map<string, StateRule[]>();
    for (const r of STATE_RULES) byState.set(r.state, [...(byState.get(r.state) ?? []), r]);
    for (const rows of byState.values()) {
      const sorted = [...rows].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1]!;
        expect(prev.effectiveTo, `${prev.id} is open-ended but ${sorted[i]!.id} follows`).toBeDefined();
        expect((prev.effectiveTo ?? '9999') <= sorted[i]!.effectiveFrom, `${prev.id} overlaps ${sorted[i]!.id}`).toBe(true);
      }
    }
  });

  it('only statutes that say so exempt consented messages (Utah 13-25a-103(3))', () => {
    expect(STATE_RULES.filter((r) => r.consentExempt).map((r) => r.id)).toEqual(['UT-1990']);
  });

  it.each(STATE_RULES.map((r) => [r.id] as const))('%s has hand-derived cases inside and outside its window', (id) => {
    const row = rowOf(id);
    const cases = casesOf(id);
    expect(cases.length).toBeGreaterThanOrEqual(2);
    expect(cases.some((c) => c.expect === 'allowed')).toBe(true);
    expect(cases.some((c) => c.expect !== 'allowed')).toBe(true);
    if (row.cap !== undefined) expect(cases.some((c) => (c.recentSendsLocal?.length ?? 0) >= row.cap!.count)).toBe(true);
  });

  it('every case names an existing row', () => {
    const ids = new Set(STATE_RULES.map((r) => r.id));
    for (const c of STATE_RULE_CASES) expect(ids.has(c.rule), c.rule).toBe(true);
  });
});

// ---- the engine against the hand-derived cases, one row at a time ----

describe('nextAllowedInstant on each state row', () => {
  it.each(STATE_RULE_CASES.map((c) => [c.rule, c.local, c.zone, c] as const))('%s at %s (%s)', (_rule, _local, _zone, c) => {
    const result = runCase(c);
    if (c.expect === 'allowed') {
      expect(result, c.note).toMatchObject({ allowed: true });
    } else {
      expect(result.allowed, c.note).toBe(false);
      if (!result.allowed) {
        expect(result.sendAt.toISOString(), c.note).toBe(localToUtc(c.expect.nextLocal, c.zone).toISOString());
        expect(result.reasons.length).toBeGreaterThan(0);
      }
    }
  });
});

// ---- invariant: whatever the engine answers for a marketing text, it lands inside the row's window ----

describe('engine answers stay inside each row window', () => {
  const FLOOR = Date.UTC(2019, 0, 1);
  const CEIL = Date.UTC(2030, 0, 1);

  it.each(STATE_RULES.map((r) => [r.id, r] as const))('%s', (_id, row) => {
    const zone = casesOf(row.id)[0]?.zone ?? 'America/New_York';
    const from = Math.max(FLOOR, Date.parse(`${row.effectiveFrom}T12:00:00Z`));
    const to = Math.min(CEIL, row.effectiveTo === undefined ? CEIL : Date.parse(`${row.effectiveTo}T00:00:00Z`) - 86_400_000);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (ms) => {
        const now = new Date(Math.floor(ms / 60_000) * 60_000);
        const result = nextAllowedInstant({ purpose: 'marketing', zones: [zone], states: [row.state], rules: [row] }, now);
        const at = result.allowed ? now : result.sendAt;
        if (!result.allowed && result.sendAt.getTime() <= now.getTime()) return false;
        // once the row has ended, only the federal window governs the deferred instant
        if (row.effectiveTo !== undefined && at.getTime() >= Date.parse(`${row.effectiveTo}T00:00:00Z`)) return true;
        return insideWindow(row.windows, ruleClock(at, row, zone));
      }),
      { numRuns: 60 },
    );
  });
});
