import { describe, expect, it } from '@jest/globals';
import { addYears, atLocalHour, dateInZone, latestIndonesianDate } from '../../domain/dates.ts';

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
});
