// Writes domain/regions/regions.json from idn-area-data.
// The package reads its CSV files from disk at run time, which a bundled Lambda cannot do;
// a generated snapshot keeps region lookups synchronous and bundle-friendly.
// test/domain/regions.test.ts fails when the snapshot no longer matches the package.
import { writeFileSync } from 'node:fs';
import { loadRegionSnapshot } from './region-snapshot.ts';

const target = new URL('../domain/regions/regions.json', import.meta.url);
const snapshot = await loadRegionSnapshot();
writeFileSync(target, JSON.stringify(snapshot) + '\n');
console.log(
  `Wrote ${String(snapshot.provinces.length)} provinces and ${String(snapshot.regencies.length)} regencies to ${target.pathname}`,
);
