// Calendar dates as ISO strings (YYYY-MM-DD): they compare correctly as strings.

/**
 * Today's date in Indonesia's easternmost zone (WIT, UTC+9, no daylight saving).
 * A milestone dated "today" by an office anywhere in Indonesia is then never in the future.
 */
export function latestIndonesianDate(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Today's date in an IANA time zone. */
export function dateInZone(now: Date, timeZone: string): string {
  return formatFor(
    `date ${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  ).format(now);
}

/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const targetYear = year + years;
  const lastDayOfMonth = new Date(Date.UTC(targetYear, month, 0)).getUTCDate();
  const result = new Date(Date.UTC(targetYear, month - 1, Math.min(day, lastDayOfMonth)));
  return result.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const MINUTE = 60_000;
/** Formatters are costly to build (tens of microseconds): one per zone and use. */
const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffset(instant: number, timeZone: string): number {
  const format = formatFor(
    `clock ${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  );
  const part = Object.fromEntries(
    format.formatToParts(instant).map(({ type, value }) => [type, Number(value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const wallClock = Date.UTC(
    part.year,
    part.month - 1,
    part.day,
    part.hour,
    part.minute,
    part.second,
  );
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallClock - wholeSecond;
}

/** The instant at which the wall clock in `timeZone` shows `minutes` past midnight of `date`. */
export function atLocalMinute(date: string, minutes: number, timeZone: string): Date {
  const wallClock = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  // Twice, so that a zone whose offset changes in between (daylight saving) still lands right.
  const guess = wallClock - zoneOffset(wallClock, timeZone);
  return new Date(wallClock - zoneOffset(guess, timeZone));
}

/** The instant of `hour`:00 on a calendar date in an IANA time zone. */
export function atLocalHour(isoDate: string, hour: number, timeZone: string): Date {
  return atLocalMinute(isoDate, hour * 60, timeZone);
}
