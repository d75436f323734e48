import { unwrap, type Region } from '../api.ts';
import { api } from '../state.ts';

/** GET /regions?q=: by name or code. */
export async function searchRegions(q: string): Promise<Region[]> {
  return unwrap(await api().GET('/regions', { params: { query: { q, limit: 10 } } })).items;
}
