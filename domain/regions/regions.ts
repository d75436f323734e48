import snapshot from './regions.json' with { type: 'json' };
import {
  ZONE_LABELS,
  timeZoneOfProvince,
  type TimeZone,
  type TimeZoneLabel,
} from './time-zones.ts';

export interface RegionSnapshot {
  provinces: { code: string; name: string }[];
  regencies: { code: string; name: string; provinceCode: string }[];
}

export type RegionType = 'PROVINSI' | 'KABUPATEN' | 'KOTA';

/** A province, regency (kabupaten) or city (kota), by its official Kemendagri code. */
export interface Region {
  code: string;
  name: string;
  type: RegionType;
  provinceCode: string;
  provinceName: string;
  timeZone: TimeZone;
  timeZoneLabel: TimeZoneLabel;
}

function regionTypeOf(name: string): RegionType {
  if (name.startsWith('Kota ')) return 'KOTA';
  if (name.startsWith('Kabupaten ')) return 'KABUPATEN';
  throw new Error(`Regency name without Kota/Kabupaten prefix: ${name}`);
}

function buildDirectory(data: RegionSnapshot): Map<string, Region> {
  const provinceNames = new Map(data.provinces.map((p) => [p.code, p.name]));
  const zoneOf = (provinceCode: string) => {
    const timeZone = timeZoneOfProvince(provinceCode);
    if (!timeZone) throw new Error(`No time zone known for province ${provinceCode}`);
    return { timeZone, timeZoneLabel: ZONE_LABELS[timeZone] };
  };
  const regions: Region[] = [
    ...data.provinces.map((p) => ({
      code: p.code,
      name: p.name,
      type: 'PROVINSI' as const,
      provinceCode: p.code,
      provinceName: p.name,
      ...zoneOf(p.code),
    })),
    ...data.regencies.map((r) => ({
      code: r.code,
      name: r.name,
      type: regionTypeOf(r.name),
      provinceCode: r.provinceCode,
      provinceName: provinceNames.get(r.provinceCode) ?? r.provinceCode,
      ...zoneOf(r.provinceCode),
    })),
  ];
  return new Map(regions.map((region) => [region.code, region]));
}

// Built at the first lookup, not at import: most functions import the schemas that check a
// region code, and never check one.
let built: Map<string, Region> | undefined;
const directory = () => (built ??= buildDirectory(snapshot));

export function findRegion(code: string): Region | undefined {
  return directory().get(code);
}

/** Case-insensitive search by name or code prefix, provinces first, then by code. */
export function searchRegions(query: string, limit = 20): Region[] {
  const needle = query.trim().toLowerCase();
  const matches: Region[] = [];
  for (const region of directory().values()) {
    if (region.code.startsWith(needle) || region.name.toLowerCase().includes(needle)) {
      matches.push(region);
      if (matches.length === limit) break;
    }
  }
  return matches;
}

export function allRegions(): Region[] {
  return [...directory().values()];
}
