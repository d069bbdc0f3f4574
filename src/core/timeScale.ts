/**
 * The little scale maths the timeline chart needs, without d3: a linear
 * domain→range mapping and its inverse, "nice" time ticks aligned in UTC,
 * count ticks for the y axis, tick labels through Intl, and zooming a domain.
 * Pure; no DOM.
 */

export interface LinearScale {
  (value: number): number;
  invert: (px: number) => number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

/** Maps `domain` linearly onto `range` (either may be reversed). A zero-width domain maps to the range's middle. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0))) as LinearScale;
  const rSpan = r1 - r0;
  scale.invert = (px: number) => (rSpan === 0 ? d0 : d0 + ((px - r0) / rSpan) * span);
  Object.defineProperties(scale, { domain: { value: [d0, d1] }, range: { value: [r0, r1] } });
  return scale;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/**
 * Tick steps a reader recognises. Steps from 30 days up stand for calendar
 * months (1, 3) and years: those ticks fall on the first of a UTC month.
 */
export const TIME_TICK_STEPS_MS: readonly number[] = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY,
  MONTH, 3 * MONTH, YEAR,
];

/** 1, 2, 5 × 10^n: the smallest such number ≥ `x` (x > 0). */
function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * power >= x * (1 - 1e-12)) return m * power;
  return 10 * power;
}

// 1970-01-01 was a Thursday: weekly ticks are shifted to fall on Mondays.
const WEEK_OFFSET = 4 * DAY;

function fixedTicks(from: number, to: number, step: number): number[] {
  const offset = step % (7 * DAY) === 0 ? WEEK_OFFSET : 0;
  const ticks: number[] = [];
  for (let t = Math.ceil((from - offset) / step) * step + offset; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** First of every `months`-th UTC month (counted from January) within [from, to]. */
function monthTicks(from: number, to: number, months: number): number[] {
  const d = new Date(from);
  let index = d.getUTCFullYear() * 12 + d.getUTCMonth();
  if (Date.UTC(Math.floor(index / 12), index % 12, 1) < from) index++;
  index = Math.ceil(index / months) * months;
  const ticks: number[] = [];
  for (let t = Date.UTC(Math.floor(index / 12), index % 12, 1); t <= to; index += months, t = Date.UTC(Math.floor(index / 12), index % 12, 1)) {
    ticks.push(t);
  }
  return ticks;
}

/** How many ticks `step` gives over [from, to] (calendar steps approximated). */
function countFor(from: number, to: number, step: number): number {
  return Math.floor((to - from) / step) + 1;
}

export interface TimeTicks {
  /** The nominal step in ms (30 days = a month, 365 days = a year or more). */
  step: number;
  ticks: number[];
}

/**
 * Nice time ticks over [from, to]: the smallest recognisable step giving at
 * most `maxTicks` ticks, aligned to the step in UTC (so daylight-saving
 * changes never move them). Ranges beyond the largest step use whole years.
 */
export function timeTicks(from: number, to: number, maxTicks = 8): TimeTicks {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const max = Math.max(2, Math.floor(maxTicks));
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { step: 0, ticks: [] };
  if (hi === lo) return { step: 0, ticks: [lo] };
  let step = TIME_TICK_STEPS_MS.find((s) => countFor(lo, hi, s) <= max);
  if (step === undefined) step = niceStep((hi - lo) / (max - 1) / YEAR) * YEAR;
  if (step < MONTH) return { step, ticks: fixedTicks(lo, hi, step) };
  const months = step === MONTH ? 1 : step === 3 * MONTH ? 3 : Math.max(1, Math.round(step / YEAR)) * 12;
  return { step, ticks: monthTicks(lo, hi, months) };
}

export interface CountTicks {
  /** The top of the axis: the max rounded up to a whole step (at least 1). */
  max: number;
  step: number;
  ticks: number[];
}

/** Y-axis ticks for counts from 0 to `max`: whole steps of 1, 2 or 5 × 10^n, about `target` of them. */
export function countTicks(max: number, target = 4): CountTicks {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const step = Math.max(1, niceStep(top / Math.max(1, target)));
  const niceMax = Math.ceil(top / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= niceMax; v += step) ticks.push(v);
  return { max: niceMax, step, ticks };
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; the chart re-derives its ticks on every zoom.
const formatCache = new Map<string, Intl.DateTimeFormat>();
function cachedDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatCache.get(key);
  if (!f) formatCache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/**
 * A label formatter for ticks of `step`: times of day for sub-day steps (with
 * the date at midnight), dates for days and weeks, month and year beyond.
 * Defaults to UTC, the zone the ticks are aligned in.
 */
export function timeTickFormat(step: number, locale: string, timeZone = 'UTC'): (ms: number) => string {
  const make = (options: Intl.DateTimeFormatOptions) => cachedDateTimeFormat(locale, { timeZone, ...options });
  const date = make({ month: 'short', day: 'numeric' });
  if (step >= YEAR) return make({ year: 'numeric' }).format;
  if (step >= MONTH) return make({ month: 'short', year: 'numeric' }).format;
  if (step >= DAY) return date.format;
  const time = make({
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(step < MINUTE ? { second: '2-digit' } : {}),
    ...(step < SECOND ? { fractionalSecondDigits: 3 } : {}),
  });
  // Latin digits whatever the locale, to read the wall clock in `timeZone`.
  const clock = cachedDateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
  const atMidnight = (ms: number) => clock.formatToParts(ms).every((p) => p.type === 'literal' || Number(p.value) === 0);
  return (ms) => (atMidnight(ms) && ms % SECOND === 0 ? date.format(ms) : time.format(ms));
}

/**
 * Zooms `domain` by `factor` around its centre (0.5 = in, 2 = out), kept
 * inside `bounds` and no narrower than `minSpan`. Returns `bounds` itself
 * when the result would cover them.
 */
export function zoomDomain(
  domain: { from: number; to: number },
  factor: number,
  bounds: { from: number; to: number },
  minSpan = 0,
): { from: number; to: number } {
  const boundsSpan = bounds.to - bounds.from;
  const span = Math.min(boundsSpan, Math.max(minSpan, (domain.to - domain.from) * factor));
  if (span >= boundsSpan) return bounds;
  const centre = (domain.from + domain.to) / 2;
  const from = Math.min(Math.max(bounds.from, centre - span / 2), bounds.to - span);
  return { from, to: from + span };
}

/**
 * Where a tooltip of `tipWidth` goes beside a hovered bar [barLeft, barRight]
 * inside a container `containerWidth` wide: right of the bar, else left of it,
 * else shifted so that it stays inside (it is never cut off at the container's
 * edge). Returns its left offset in px.
 */
export function placeTooltip(barLeft: number, barRight: number, tipWidth: number, containerWidth: number, gap = 4): number {
  const right = barRight + gap;
  if (right + tipWidth <= containerWidth) return right;
  const left = barLeft - gap - tipWidth;
  if (left >= 0) return left;
  return Math.max(0, Math.min(containerWidth - tipWidth, right));
}
