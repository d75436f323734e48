// Writes domain/calendar/holidays-id.json from date-holidays.
// The library bundles every country's rules with moment-timezone and astronomia (about 1.5 MB
// minified); a generated snapshot of Indonesia's dates keeps each Lambda bundle small.
// test/domain/office-hours.test.ts fails when the snapshot no longer matches the library.
import { writeFileSync } from 'node:fs';
import { FIRST_YEAR, LAST_YEAR, loadHolidaySnapshot } from './holiday-snapshot.ts';

const target = new URL('../domain/calendar/holidays-id.json', import.meta.url);
const snapshot = loadHolidaySnapshot();
writeFileSync(target, JSON.stringify(snapshot, null, 1) + '\n');
console.log(
  `Wrote ${String(Object.keys(snapshot).length)} holidays (${String(FIRST_YEAR)}-${String(LAST_YEAR)}) to ${target.pathname}`,
);
