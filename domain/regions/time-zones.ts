// Indonesia's time zones by province (Kemendagri province code): the IANA zone, and the
// Indonesian label officials use (WIB UTC+7, WITA UTC+8, WIT UTC+9; no daylight saving).
export const ZONE_LABELS = {
  'Asia/Jakarta': 'WIB',
  // West and Central Kalimantan: WIB, although Borneo's other provinces are WITA.
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
} as const;

export type TimeZone = keyof typeof ZONE_LABELS;

/**
 * Each zone's offset from UTC. They have held since 1988 (Pontianak was UTC+8 before), with no
 * daylight saving, so a fixed offset gives the time-zone database's wall clock for any date the
 * app handles (test/domain/dates.test.ts checks it against Intl) without the ICU formatter,
 * whose first use costs a cold start about 10 ms.
 */
export const UTC_OFFSET_HOURS: Record<TimeZone, number> = {
  'Asia/Jakarta': 7,
  'Asia/Pontianak': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};
export type TimeZoneLabel = (typeof ZONE_LABELS)[TimeZone];

const PROVINCES_BY_ZONE: Record<TimeZone, readonly string[]> = {
  'Asia/Jakarta': [
    '11',
    '12',
    '13',
    '14',
    '15',
    '16',
    '17',
    '18',
    '19',
    '21',
    '31',
    '32',
    '33',
    '34',
    '35',
    '36',
  ],
  'Asia/Pontianak': ['61', '62'],
  'Asia/Makassar': ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'],
  'Asia/Jayapura': ['81', '82', '91', '92', '93', '94', '95', '96'],
};

const zoneByProvince = new Map<string, TimeZone>(
  Object.entries(PROVINCES_BY_ZONE).flatMap(([zone, codes]) =>
    codes.map((code) => [code, zone as TimeZone] as const),
  ),
);

export function timeZoneOfProvince(provinceCode: string): TimeZone | undefined {
  return zoneByProvince.get(provinceCode);
}
