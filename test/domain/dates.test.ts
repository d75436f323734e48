import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addYears,
  atLocalHour,
  dateInZone,
  latestIndonesianDate,
  zoneOffset,
} from '../../domain/dates.ts';
import { type TimeZone, ZONE_LABELS } from '../../domain/regions/time-zones.ts';

describe('dates', () => {
  it('know the date in Jayapura before UTC does', () => {
    expect(latestIndonesianDate(new Date('2019-02-21T14:59:59Z'))).toBe('2019-02-21');
    expect(latestIndonesianDate(new Date('2019-02-21T15:00:00Z'))).toBe('2019-02-22');
  });

  it('give the date in a region time zone', () => {
    const instant = new Date('2019-02-21T16:30:00Z');
    expect(dateInZone(instant, 'Asia/Jakarta')).toBe('2019-02-21'); // 23:30 WIB
    expect(dateInZone(instant, 'Asia/Makassar')).toBe('2019-02-22'); // 00:30 WITA
  });

  it('add years keeping the calendar day, and 29 February becomes 28 February', () => {
    expect(addYears('2019-02-22', 5)).toBe('2024-02-22');
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('finds 09:00 in each Indonesian zone', () => {
    expect(atLocalHour('2019-01-13', 9, 'Asia/Jakarta').toISOString()).toBe(
      '2019-01-13T02:00:00.000Z',
    );
    expect(atLocalHour('2019-01-13', 9, 'Asia/Makassar').toISOString()).toBe(
      '2019-01-13T01:00:00.000Z',
    );
    expect(atLocalHour('2019-01-13', 9, 'Asia/Jayapura').toISOString()).toBe(
      '2019-01-13T00:00:00.000Z',
    );
  });

  it("keep the time-zone database's wall clock in every Indonesian zone, 1988 to 2100", () => {
    const zones = Object.keys(ZONE_LABELS) as TimeZone[];
    const wallClock = new Map(
      zones.map((zone) => {
        const format = new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
        });
        return [
          zone,
          (instant: number) => {
            const part = Object.fromEntries(
              format.formatToParts(instant).map(({ type, value }) => [type, Number(value)]),
            ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
            return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute);
          },
        ] as const;
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1988, 0, 1), max: Date.UTC(2100, 11, 31) }),
        (zone, instant) => {
          const minute = Math.floor(instant / 60_000) * 60_000;
          expect(minute + zoneOffset(zone)).toBe(wallClock.get(zone)?.(minute));
          expect(dateInZone(new Date(instant), zone)).toBe(
            new Date(wallClock.get(zone)?.(minute) ?? 0).toISOString().slice(0, 10),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
