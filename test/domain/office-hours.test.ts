import { describe, expect, it } from '@jest/globals';
import snapshot from '../../domain/calendar/holidays-id.json' with { type: 'json' };
import { loadHolidaySnapshot } from '../../scripts/holiday-snapshot.ts';
import Holidays from 'date-holidays';
import fc from 'fast-check';
import {
  DEFAULT_OFFICE_HOURS,
  holidayName,
  isWorkingDay,
  nextOfficeTime,
  type OfficeHours,
} from '../../domain/office-hours.ts';
import { type TimeZone, UTC_OFFSET_HOURS, ZONE_LABELS } from '../../domain/regions/time-zones.ts';

// WIB is UTC+7, WITA UTC+8, WIT UTC+9: 08:00 is 01:00Z, 00:00Z and 23:00Z the day before.
const at = (iso: string) => new Date(iso);
const next = (iso: string, zone: TimeZone, hours?: OfficeHours) =>
  nextOfficeTime(at(iso), zone, hours).toISOString();

describe('the next office time', () => {
  it('moves a nudge due on Friday evening in WITA to Monday 08:00 WITA', () => {
    // Makassar (73.71): Friday 2019-03-01 18:30 WITA; Monday 2019-03-04 is no holiday.
    expect(isWorkingDay('2019-03-04')).toBe(true);
    expect(next('2019-03-01T10:30:00Z', 'Asia/Makassar')).toBe('2019-03-04T00:00:00.000Z');
  });

  it('skips a national holiday on a weekday', () => {
    // Hari Kemerdekaan, Friday 2018-08-17, 10:00 WIB: the weekend follows, so Monday.
    expect(next('2018-08-17T03:00:00Z', 'Asia/Jakarta')).toBe('2018-08-20T01:00:00.000Z');
    // Thursday evening before it.
    expect(next('2018-08-16T10:00:00Z', 'Asia/Jakarta')).toBe('2018-08-20T01:00:00.000Z');
    // Natal, Wednesday 2019-12-25, 09:00 WIB in Kubu Raya (Asia/Pontianak): Thursday 08:00.
    expect(next('2019-12-25T02:00:00Z', 'Asia/Pontianak')).toBe('2019-12-26T01:00:00.000Z');
  });

  it('counts collective leave (cuti bersama) as a working day: the data does not have it', () => {
    // 24 December 2019 was cuti bersama by decree.
    expect(next('2019-12-24T02:00:00Z', 'Asia/Jakarta')).toBe('2019-12-24T02:00:00.000Z');
  });

  it('works in WIT: before, during and at the end of office hours', () => {
    // Tuesday 2019-03-05 in Jayapura.
    expect(next('2019-03-04T22:00:00Z', 'Asia/Jayapura')).toBe('2019-03-04T23:00:00.000Z'); // 07:00
    expect(next('2019-03-04T23:00:00Z', 'Asia/Jayapura')).toBe('2019-03-04T23:00:00.000Z'); // 08:00
    expect(next('2019-03-05T06:59:00Z', 'Asia/Jayapura')).toBe('2019-03-05T06:59:00.000Z'); // 15:59
    expect(next('2019-03-05T06:59:59.999Z', 'Asia/Jayapura')).toBe('2019-03-05T06:59:59.999Z');
    // The end is exclusive: 16:00 WIT goes to Wednesday 08:00 WIT.
    expect(next('2019-03-05T07:00:00Z', 'Asia/Jayapura')).toBe('2019-03-05T23:00:00.000Z');
  });

  it('uses the local date, not the UTC one', () => {
    // Monday 16:00Z is already Tuesday 01:00 WIT: Tuesday 08:00 WIT, not Monday's.
    expect(next('2019-03-04T16:00:00Z', 'Asia/Jayapura')).toBe('2019-03-04T23:00:00.000Z');
    // The same instant is Monday 23:00 WIB: Tuesday 08:00 WIB.
    expect(next('2019-03-04T16:00:00Z', 'Asia/Jakarta')).toBe('2019-03-05T01:00:00.000Z');
  });

  it('keeps an instant inside office hours, to the millisecond', () => {
    const instant = at('2019-03-05T04:12:34.567Z'); // Tuesday 11:12 WIB
    expect(nextOfficeTime(instant, 'Asia/Jakarta')).toEqual(instant);
  });

  it('takes custom office hours', () => {
    const hours = { start: '07:30', end: '15:30' };
    // Tuesday 2019-03-05 in Jakarta.
    expect(next('2019-03-05T00:00:00Z', 'Asia/Jakarta', hours)).toBe('2019-03-05T00:30:00.000Z');
    expect(next('2019-03-05T08:29:00Z', 'Asia/Jakarta', hours)).toBe('2019-03-05T08:29:00.000Z');
    expect(next('2019-03-05T08:30:00Z', 'Asia/Jakarta', hours)).toBe('2019-03-06T00:30:00.000Z');
  });

  it('defaults to 08:00-16:00', () => {
    expect(DEFAULT_OFFICE_HOURS).toEqual({ start: '08:00', end: '16:00' });
  });

  it('rejects office hours that are not times of day, or end before they start', () => {
    const instant = at('2019-03-05T00:00:00Z');
    for (const hours of [
      { start: '16:00', end: '08:00' },
      { start: '08:00', end: '08:00' },
      { start: '8:00', end: '16:00' },
      { start: '08:00', end: '24:30' },
      { start: '08:60', end: '16:00' },
    ]) {
      expect(() => nextOfficeTime(instant, 'Asia/Jakarta', hours)).toThrow(RangeError);
    }
  });

  it('skips a run of holidays and a weekend', () => {
    // Idul Fitri 2018: Friday 15 and Saturday 16 June. From Thursday 16:00 WITA to Monday.
    expect(next('2018-06-14T08:00:00Z', 'Asia/Makassar')).toBe('2018-06-18T00:00:00.000Z');
    // Friday 2019-05-31 17:00 WIB: Hari Lahir Pancasila on Saturday, then Sunday: Monday.
    expect(next('2019-05-31T10:00:00Z', 'Asia/Jakarta')).toBe('2019-06-03T01:00:00.000Z');
    // Idul Fitri 2019 is 4-5 June in the data (5-6 June by decree): Monday evening to Thursday.
    expect(next('2019-06-03T09:30:00Z', 'Asia/Jakarta')).toBe('2019-06-06T01:00:00.000Z');
  });
});

describe('working days and holidays', () => {
  it('names national public holidays', () => {
    expect(holidayName('2018-08-17')).toBe('Hari Ulang Tahun Kemerdekaan Republik Indonesia');
    expect(holidayName('2019-12-25')).toBe('Hari Raya Natal');
    expect(holidayName('2019-02-05')).toBe('Tahun Baru Imlek');
    expect(holidayName('2019-06-04')).toBe('Hari Raya Idul Fitri');
    expect(holidayName('2019-06-05')).toBe('Hari Raya Idul Fitri');
    expect(holidayName('2019-03-04')).toBeUndefined();
  });

  it('are Monday to Friday without the holidays', () => {
    expect(isWorkingDay('2019-03-01')).toBe(true); // Friday
    expect(isWorkingDay('2019-03-02')).toBe(false); // Saturday
    expect(isWorkingDay('2019-03-03')).toBe(false); // Sunday
    expect(isWorkingDay('2019-12-25')).toBe(false); // Wednesday, Natal
  });
});

describe('the next office time, for any instant', () => {
  const ZONES = Object.keys(ZONE_LABELS) as TimeZone[];
  const HALF_HOUR = 30 * 60_000;

  // An oracle written differently from the module: wall-clock parts from Intl, the weekday by
  // name, holidays straight from the library.
  const library = new Holidays('ID');
  const holidayDates = new Map<number, Set<string>>();
  const isHoliday = (date: string) => {
    const year = Number(date.slice(0, 4));
    let dates = holidayDates.get(year);
    if (!dates) {
      dates = new Set(
        library
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      holidayDates.set(year, dates);
    }
    return dates.has(date);
  };
  const formats = new Map(
    ZONES.map((zone) => [
      zone,
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
    ]),
  );
  const local = (instant: number, zone: TimeZone) => {
    const format = formats.get(zone);
    if (!format) throw new Error(`No format for ${zone}`);
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
    const minutes =
      Number(parts.hour) * 60 +
      Number(parts.minute) +
      Number(parts.second) / 60 +
      (((instant % 1000) + 1000) % 1000) / 60_000;
    return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: parts.weekday, minutes };
  };
  const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  const isOfficeTime = (instant: number, zone: TimeZone, hours: OfficeHours) => {
    const { date, weekday, minutes } = local(instant, zone);
    return (
      weekday !== 'Sat' &&
      weekday !== 'Sun' &&
      !isHoliday(date) &&
      minutes >= toMinutes(hours.start) &&
      minutes < toMinutes(hours.end)
    );
  };

  const hhmm = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  // At least half an hour long, so that stepping by half an hour cannot jump over office hours.
  const officeHours = fc.oneof(
    fc.constant(DEFAULT_OFFICE_HOURS),
    fc
      .integer({ min: 0, max: 24 * 60 - 30 })
      .chain((start) =>
        fc
          .integer({ min: start + 30, max: 24 * 60 })
          .map((end) => ({ start: hhmm(start), end: hhmm(end) })),
      ),
  );
  const holidayInstants = [2018, 2019, 2020, 2024, 2025].flatMap((year) =>
    library.getHolidays(year).map((h) => Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`)),
  );
  const DAY = 86_400_000;
  const days = fc.integer({ min: Date.UTC(2015, 0, 1) / DAY, max: Date.UTC(2035, 11, 31) / DAY });
  const instantsFor = (zone: TimeZone, hours: OfficeHours) =>
    fc.oneof(
      fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 11, 31) }),
      // Around a holiday, where a run of days off is likely.
      fc
        .tuple(fc.constantFrom(...holidayInstants), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
        .map(([day, offset]) => day + offset),
      // Just before, at or just after the local start or end of office hours.
      fc
        .tuple(
          days,
          fc.constantFrom(hours.start, hours.end),
          fc.constantFrom(-1, 0, 1),
          fc.boolean(),
        )
        .map(
          ([day, time, ms, nearHoliday]) =>
            ((nearHoliday ? holidayInstants[day % holidayInstants.length] : undefined) ??
              day * DAY) +
            (toMinutes(time) - UTC_OFFSET_HOURS[zone] * 60) * 60_000 +
            ms,
        ),
    );
  const cases = fc
    .tuple(fc.constantFrom(...ZONES), officeHours)
    .chain(([zone, hours]) =>
      fc.tuple(instantsFor(zone, hours), fc.constant(zone), fc.constant(hours)),
    );

  it('is the earliest office time at or after it', () => {
    fc.assert(
      fc.property(cases, ([input, zone, hours]) => {
        const result = nextOfficeTime(new Date(input), zone, hours).getTime();
        expect(result).toBeGreaterThanOrEqual(input);
        expect(isOfficeTime(result, zone, hours)).toBe(true);
        if (result === input) return;
        // Moved: to the very start of office hours, and nothing valid in between. Office hours
        // of half an hour or more that began in [input, result) would contain one of the steps.
        expect(local(result, zone).minutes).toBe(toMinutes(hours.start));
        for (let t = input; t < result; t += HALF_HOUR) {
          expect(isOfficeTime(t, zone, hours)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('the holiday snapshot', () => {
  it('matches date-holidays for every year it covers (run `npm run holidays` after an upgrade)', () => {
    expect(snapshot).toEqual(loadHolidaySnapshot());
  });
});
