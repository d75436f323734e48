import { getProvinces, getRegencies } from 'idn-area-data';
import type { RegionSnapshot } from '../domain/regions/regions.ts';

export async function loadRegionSnapshot(): Promise<RegionSnapshot> {
  const provinces = await getProvinces();
  const regencies = await getRegencies({ transform: true });
  return {
    provinces: provinces.map(({ code, name }) => ({ code, name })),
    regencies: regencies.map(({ code, name, provinceCode }) => ({ code, name, provinceCode })),
  };
}
