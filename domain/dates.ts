// Calendar dates as ISO strings (YYYY-MM-DD): they compare correctly as strings.
import { type TimeZone, UTC_OFFSET_HOURS } from './regions/time-zones.ts';

/**
 * Today's date in Indonesia's easternmost zone (WIT, UTC+9, no daylight saving).
 * A milestone dated "today" by an office anywhere in Indonesia is then never in the future.
 */
export function latestIndonesianDate(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Today's date in one of Indonesia's time zones. */
export function dateInZone(now: Date, timeZone: TimeZone): string {
  return new Date(now.getTime() + zoneOffset(timeZone)).toISOString().slice(0, 10);
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

/** How far the zone's wall clock is ahead of UTC, in milliseconds. */
export function zoneOffset(timeZone: TimeZone): number {
  return UTC_OFFSET_HOURS[timeZone] * 60 * MINUTE;
}

/** The instant at which the wall clock in `timeZone` shows `minutes` past midnight of `date`. */
export function atLocalMinute(date: string, minutes: number, timeZone: TimeZone): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE - zoneOffset(timeZone));
}

/** The instant of `hour`:00 on a calendar date in one of Indonesia's time zones. */
export function atLocalHour(isoDate: string, hour: number, timeZone: TimeZone): Date {
  return atLocalMinute(isoDate, hour * 60, timeZone);
}
