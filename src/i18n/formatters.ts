/** Locale-aware number and time formatting, built once per provider (each Intl formatter on its first use). */
export interface Formatters {
  number: (n: number) => string;
  /** Absolute local date and time, e.g. "25 Nov 2026, 14:03:07". */
  dateTime: (ms: number) => string;
  /** Absolute UTC time in ISO 8601, e.g. "2026-11-25T14:03:07.120Z". */
  utc: (ms: number) => string;
  /** Relative to now, e.g. "3 min ago". */
  relative: (ms: number) => string;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** A value built on first use: an Intl formatter costs milliseconds to build (locale data), so only those a view uses are built. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function createFormatters(locale: string, timeZone: string | undefined, now: () => number): Formatters {
  const numberFormat = lazy(() => new Intl.NumberFormat(locale));
  const dateTimeFormat = lazy(
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'medium',
        ...(timeZone ? { timeZone } : {}),
      }),
  );
  const relativeFormat = lazy(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));
  const valid = (ms: number) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
  return {
    number: (n) => numberFormat().format(n),
    dateTime: (ms) => (valid(ms) ? dateTimeFormat().format(ms) : '—'),
    utc: (ms) => (valid(ms) ? new Date(ms).toISOString() : '—'),
    relative: (ms) => {
      if (!valid(ms)) return '—';
      const diff = ms - now();
      for (const [unit, size] of UNITS) {
        if (Math.abs(diff) >= size || unit === 'second') return relativeFormat().format(Math.round(diff / size), unit);
      }
      return relativeFormat().format(0, 'second');
    },
  };
}
