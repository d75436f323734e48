import { describe, expect, it } from '@jest/globals';
import snapshot from '../../domain/regions/regions.json' with { type: 'json' };
import { allRegions, findRegion, searchRegions } from '../../domain/regions/regions.ts';
import { loadRegionSnapshot } from '../../scripts/region-snapshot.ts';

describe('regions', () => {
  it('match the idn-area-data package they were generated from (npm run regions to refresh)', async () => {
    expect(snapshot).toEqual(await loadRegionSnapshot());
  });

  it('hold every province, regency and city, each with a type and a time zone', () => {
    const regions = allRegions();
    expect(regions).toHaveLength(38 + 514);
    const count = (type: string) => regions.filter((r) => r.type === type).length;
    expect([count('PROVINSI'), count('KABUPATEN'), count('KOTA')]).toEqual([38, 416, 98]);
    expect(regions.every((r) => ['WIB', 'WITA', 'WIT'].includes(r.timeZoneLabel))).toBe(true);
  });

  it('resolve Kota Bandung with its province and time zone', () => {
    expect(findRegion('32.73')).toEqual({
      code: '32.73',
      name: 'Kota Bandung',
      type: 'KOTA',
      provinceCode: '32',
      provinceName: 'Jawa Barat',
      timeZone: 'Asia/Jakarta',
      timeZoneLabel: 'WIB',
    });
  });

  it.each([
    ['62.71', 'Kota Palangkaraya', 'Asia/Pontianak', 'WIB'],
    ['32.06', 'Kabupaten Tasikmalaya', 'Asia/Jakarta', 'WIB'],
    ['73.15', 'Kabupaten Pinrang', 'Asia/Makassar', 'WITA'],
    ['74.01', 'Kabupaten Kolaka', 'Asia/Makassar', 'WITA'],
    ['51.04', 'Kabupaten Gianyar', 'Asia/Makassar', 'WITA'],
    ['15.08', 'Kabupaten Bungo', 'Asia/Jakarta', 'WIB'],
    ['15.01', 'Kabupaten Kerinci', 'Asia/Jakarta', 'WIB'],
    ['12.18', 'Kabupaten Serdang Bedagai', 'Asia/Jakarta', 'WIB'],
    ['15.03', 'Kabupaten Sarolangun', 'Asia/Jakarta', 'WIB'],
    ['61.02', 'Kabupaten Mempawah', 'Asia/Pontianak', 'WIB'],
    ['21.72', 'Kota Tanjung Pinang', 'Asia/Jakarta', 'WIB'],
    ['11.04', 'Kabupaten Aceh Tengah', 'Asia/Jakarta', 'WIB'],
    ['61.12', 'Kabupaten Kubu Raya', 'Asia/Pontianak', 'WIB'],
    ['81', 'Maluku', 'Asia/Jayapura', 'WIT'],
    ['94', 'Papua Tengah', 'Asia/Jayapura', 'WIT'],
  ])('resolve the partner %s as %s in %s (%s)', (code, name, timeZone, label) => {
    expect(findRegion(code)).toMatchObject({ name, timeZone, timeZoneLabel: label });
  });

  it('return nothing for an unknown code', () => {
    expect(findRegion('99.99')).toBeUndefined();
  });

  it('search by name, case-insensitively, and by code prefix', () => {
    expect(searchRegions('BANDUNG').map((r) => r.code)).toEqual(['32.04', '32.17', '32.73']);
    expect(searchRegions('61.', 3).map((r) => r.code)).toEqual(['61.01', '61.02', '61.03']);
  });
});
