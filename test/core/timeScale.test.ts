import fc from 'fast-check';
import { DAY, TIME_TICK_STEPS_MS, countTicks, linearScale, timeTickFormat, timeTicks, zoomDomain } from '../../src/core/timeScale';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const utc = (iso: string) => Date.parse(iso);

describe('linearScale', () => {
  it('maps the domain onto the range and back', () => {
    const x = linearScale([1000, 2000], [0, 500]);
    expect(x(1000)).toBe(0);
    expect(x(1500)).toBe(250);
    expect(x(2000)).toBe(500);
    expect(x(2200)).toBe(600);
    expect(x.invert(250)).toBe(1500);
    expect(x.domain).toEqual([1000, 2000]);
    expect(x.range).toEqual([0, 500]);
  });

  it('handles a reversed range (y axes grow upwards)', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(5)).toBe(100);
    expect(y.invert(50)).toBe(7.5);
  });

  it('maps a zero-width domain to the middle and inverts a zero-width range to the start', () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
    expect(linearScale([5, 9], [30, 30]).invert(30)).toBe(5);
  });

  it('round-trips any value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 10, max: 4000 }), fc.double({ min: 0, max: 1, noNaN: true }), (d0, span, width, f) => {
        const x = linearScale([d0, d0 + span], [0, width]);
        const v = d0 + f * span;
        expect(Math.abs(x.invert(x(v)) - v)).toBeLessThanOrEqual(Math.max(1e-3, span * 1e-9));
      }),
    );
  });
});

describe('timeTicks', () => {
  it('picks 15-minute ticks over a few hours, aligned to the quarter hour in UTC', () => {
    const { step, ticks } = timeTicks(utc('2026-03-29T00:07:00Z'), utc('2026-03-29T01:50:00Z'), 8);
    expect(step).toBe(15 * MINUTE);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['00:15', '00:30', '00:45', '01:00', '01:15', '01:30', '01:45']);
  });

  it('gives between 5 and 8 ticks over typical spans when asked for at most 8', () => {
    // Spans whose ratio to a step stays within the 1/5/15/30 ladder.
    for (const span of [40 * SECOND, 7 * MINUTE, 2 * HOUR, 6 * HOUR, 36 * HOUR, 10 * DAY]) {
      const from = utc('2026-01-01T00:00:00Z') + 12_345;
      const { ticks } = timeTicks(from, from + span, 8);
      expect(ticks.length, `span ${span}`).toBeGreaterThanOrEqual(4);
      expect(ticks.length, `span ${span}`).toBeLessThanOrEqual(8);
    }
  });

  it('never exceeds maxTicks, keeps every tick inside the range and aligned to its step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 5e11 }), fc.integer({ min: 2, max: 12 }), (from, span, max) => {
        const { step, ticks } = timeTicks(from, from + span, max);
        expect(ticks.length).toBeLessThanOrEqual(max);
        for (const t of ticks) {
          expect(t).toBeGreaterThanOrEqual(from);
          expect(t).toBeLessThanOrEqual(from + span);
        }
        if (step < 7 * DAY) for (const t of ticks) expect(t % step).toBe(0);
        for (let i = 1; i < ticks.length; i++) expect(ticks[i]!).toBeGreaterThan(ticks[i - 1]!);
      }),
    );
  });

  it('aligns day ticks to UTC midnight across a daylight-saving change', () => {
    // Europe and the US change clocks in these weeks; UTC ticks must not move.
    const { step, ticks } = timeTicks(utc('2026-03-07T10:00:00Z'), utc('2026-03-31T10:00:00Z'), 8);
    expect(step).toBe(7 * DAY);
    for (const t of ticks) expect(new Date(t).toISOString().slice(11)).toBe('00:00:00.000Z');
    // Weekly ticks fall on Mondays.
    for (const t of ticks) expect(new Date(t).getUTCDay()).toBe(1);
    const daily = timeTicks(utc('2026-03-27T00:00:00Z'), utc('2026-03-31T00:00:00Z'), 8);
    expect(daily.step).toBe(DAY);
    expect(daily.ticks).toEqual([27, 28, 29, 30, 31].map((d) => utc(`2026-03-${d}T00:00:00Z`)));
  });

  it('handles tiny ranges with millisecond steps and a single instant', () => {
    const from = utc('2026-05-01T12:00:00.003Z');
    const { step, ticks } = timeTicks(from, from + 40, 8);
    expect(step).toBe(10);
    expect(ticks).toEqual([10, 20, 30, 40].map((ms) => utc('2026-05-01T12:00:00Z') + ms));
    expect(timeTicks(from, from, 8)).toEqual({ step: 0, ticks: [from] });
  });

  it('uses calendar months and whole years for huge ranges', () => {
    const months = timeTicks(utc('2025-11-15T00:00:00Z'), utc('2026-05-20T00:00:00Z'), 8);
    expect(months.step).toBe(30 * DAY);
    expect(months.ticks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01']);
    const quarters = timeTicks(utc('2024-02-10T00:00:00Z'), utc('2025-12-31T00:00:00Z'), 8);
    expect(quarters.ticks.map((t) => new Date(t).toISOString().slice(0, 7))).toEqual(['2024-04', '2024-07', '2024-10', '2025-01', '2025-04', '2025-07', '2025-10']);
    const decades = timeTicks(utc('1970-01-01T00:00:00Z'), utc('2100-01-01T00:00:00Z'), 8);
    expect(decades.ticks.length).toBeLessThanOrEqual(8);
    expect(decades.ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of decades.ticks) expect(new Date(t).toISOString().slice(4, 10)).toBe('-01-01');
  });

  it('accepts a reversed range and rejects non-finite ones', () => {
    expect(timeTicks(2 * HOUR, 0, 8)).toEqual(timeTicks(0, 2 * HOUR, 8));
    expect(timeTicks(Number.NaN, 10, 8).ticks).toEqual([]);
  });

  it('offers the steps the chart promises, ascending', () => {
    for (const s of [SECOND, 5 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY]) {
      expect(TIME_TICK_STEPS_MS).toContain(s);
    }
    expect([...TIME_TICK_STEPS_MS].sort((a, b) => a - b)).toEqual(TIME_TICK_STEPS_MS);
  });
});

describe('countTicks', () => {
  it('uses 1, 2 or 5 × 10^n steps and rounds the top up to a step', () => {
    expect(countTicks(7, 4)).toEqual({ max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(countTicks(10, 4)).toEqual({ max: 10, step: 5, ticks: [0, 5, 10] });
    expect(countTicks(1234, 4)).toEqual({ max: 1500, step: 500, ticks: [0, 500, 1000, 1500] });
  });

  it('never uses fractional steps for counts, and gives 0..1 for a zero or invalid max', () => {
    expect(countTicks(2, 4)).toEqual({ max: 2, step: 1, ticks: [0, 1, 2] });
    expect(countTicks(0, 4)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(countTicks(Number.NaN, 4)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
  });

  it('always covers the max with at most about twice the target ticks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 2, max: 8 }), (max, target) => {
        const r = countTicks(max, target);
        expect(r.max).toBeGreaterThanOrEqual(max);
        expect(r.ticks.at(-1)).toBe(r.max);
        expect(r.ticks.length).toBeLessThanOrEqual(2 * target + 2);
        for (const t of r.ticks) expect(Number.isInteger(t)).toBe(true);
      }),
    );
  });
});

describe('timeTickFormat', () => {
  const at = utc('2026-03-29T14:05:07.250Z');
  it('shows times of day for sub-day steps, in UTC by default', () => {
    expect(timeTickFormat(15 * MINUTE, 'en-GB')(at)).toBe('14:05');
    expect(timeTickFormat(15 * SECOND, 'en-GB')(at)).toBe('14:05:07');
    expect(timeTickFormat(100, 'en-GB')(at)).toBe('14:05:07.250');
  });

  it('shows the date where a sub-day axis crosses midnight', () => {
    expect(timeTickFormat(HOUR, 'en-GB')(utc('2026-03-29T00:00:00Z'))).toBe('29 Mar');
  });

  it('shows dates, months and years for longer steps', () => {
    expect(timeTickFormat(DAY, 'en-US')(at)).toBe('Mar 29');
    expect(timeTickFormat(30 * DAY, 'en-US')(at)).toBe('Mar 2026');
    expect(timeTickFormat(365 * DAY, 'en-US')(at)).toBe('2026');
  });

  it('follows the locale and an explicit time zone', () => {
    expect(timeTickFormat(DAY, 'de-DE')(at)).toBe('29. März');
    expect(timeTickFormat(HOUR, 'en-GB', 'Asia/Kolkata')(at)).toBe('19:35');
  });
});

describe('zoomDomain', () => {
  const bounds = { from: 0, to: 1000 };
  it('zooms in and out around the centre', () => {
    expect(zoomDomain(bounds, 0.5, bounds)).toEqual({ from: 250, to: 750 });
    expect(zoomDomain({ from: 250, to: 750 }, 2, bounds)).toBe(bounds);
  });

  it('stays inside the bounds and no narrower than the minimum span', () => {
    expect(zoomDomain({ from: 800, to: 1000 }, 2, bounds)).toEqual({ from: 600, to: 1000 });
    expect(zoomDomain({ from: 0, to: 100 }, 2, bounds)).toEqual({ from: 0, to: 200 });
    expect(zoomDomain({ from: 500, to: 520 }, 0.5, bounds, 30)).toEqual({ from: 495, to: 525 });
  });
});
