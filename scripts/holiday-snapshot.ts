import Holidays from 'date-holidays';

/** The years the snapshot covers; a date outside them has no known holidays. */
export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2040;

/** Indonesia's national public holidays by date (YYYY-MM-DD), from date-holidays. */
export function loadHolidaySnapshot(): Record<string, string> {
  const holidays = new Holidays('ID');
  const byDate: Record<string, string> = {};
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      // "YYYY-MM-DD hh:mm:ss [offset]": the civil date, also for the Islamic holidays, whose
      // day the library starts at the previous sunset.
      const day = holiday.date.slice(0, 10);
      const known = byDate[day];
      byDate[day] = known ? `${known}; ${holiday.name}` : holiday.name;
    }
  }
  return byDate;
}
