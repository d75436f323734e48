// When a nudge may go out: in the recipient's office hours, on a working day, in the recipient
// region's time zone (WIB/WITA/WIT). A working day is Monday to Friday and not an Indonesian
// national public holiday.
//
// Holidays come from `date-holidays` (country ID, type `public`), as a snapshot (below). What its data does not know:
// - collective leave (cuti bersama, e.g. 3, 4 and 7 June 2019 around Idul Fitri, 24 December
//   2019), set each year by a joint ministerial decree (SKB 3 Menteri): these count as working days;
// - the decree's own dates for the Islamic holidays: the library computes them from the Hijri
//   calendar, which can be a day off (Idul Fitri 2019: 4-5 June in the data, 5-6 June by decree);
// - regional holidays (e.g. Bali's Galungan and Kuningan).
// On such a day a nudge may go out on a day off, or a day later than needed; it is never lost.
//
// The dates are a snapshot (domain/calendar/holidays-id.json, `npm run holidays`, 2015-2040):
// the library itself bundles to about 1.5 MB with every country's rules.
import holidays from './calendar/holidays-id.json' with { type: 'json' };
import { addDays, atLocalMinute, zoneOffset } from './dates.ts';
import type { TimeZone } from './regions/time-zones.ts';

export interface OfficeHours {
  /** Local time 'HH:MM' from which nudges may go out (inclusive). */
  start: string;
  /** Local time 'HH:MM' at which office hours end (exclusive: 16:00 is already too late). */
  end: string;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '08:00', end: '16:00' };

const MINUTE = 60_000;
/** The longest run of days off to look through before giving up (a sign of a bug). */
const MAX_DAYS_AHEAD = 366;

/**
 * The earliest instant at or after `at` within office hours on a working day in `timeZone`:
 * `at` itself when it already is, otherwise the start of the next working day's office hours.
 */
export function nextOfficeTime(
  at: Date,
  timeZone: TimeZone,
  hours: OfficeHours = DEFAULT_OFFICE_HOURS,
): Date {
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (start >= end) {
    throw new RangeError(`Office hours must start before they end: ${hours.start}-${hours.end}`);
  }
  const local = new Date(at.getTime() + zoneOffset(timeZone));
  let date = local.toISOString().slice(0, 10);
  const sinceMidnight = local.getTime() - Date.parse(`${date}T00:00:00Z`);
  if (isWorkingDay(date) && sinceMidnight < end * MINUTE) {
    return sinceMidnight >= start * MINUTE ? at : atLocalMinute(date, start, timeZone);
  }
  for (let i = 0; i < MAX_DAYS_AHEAD; i++) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) return atLocalMinute(date, start, timeZone);
  }
  throw new Error(`No working day within ${MAX_DAYS_AHEAD} days after ${date}`);
}

/** Monday to Friday and not a national public holiday. `date` is a calendar date, YYYY-MM-DD. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && holidayName(date) === undefined;
}

/** The Indonesian name of the national public holiday on `date` (YYYY-MM-DD), if it is one. */
export function holidayName(date: string): string | undefined {
  return (holidays as Record<string, string | undefined>)[date];
}

function minutesOf(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || !(minutes <= 24 * 60)) {
    throw new RangeError(`Not a time of day (HH:MM, 00:00-24:00): ${time}`);
  }
  return minutes;
}
