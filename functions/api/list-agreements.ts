// GET /agreements?stage=&province=&partnerRegion=&stalled=&needsAttention=&dormant=&q=&sort=&limit=&cursor=:
// application/list-agreements.ts over HTTP, a page at a time.
import { listAgreementsUseCase } from '../../application/list-agreements.ts';
import { listAgreementsQuerySchema } from '../../domain/query-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { pageResponse } from './translate.ts';
import { summaryViewOf } from './view-of.ts';

/** The list's query parameters as the list use case names them (the export's too). */
export function listFiltersOf<T extends { partnerRegion?: string; province?: string; q?: string }>({
  partnerRegion,
  province,
  q,
  ...rest
}: T) {
  return { partnerRegionCode: partnerRegion, provinceCode: province, text: q, ...rest };
}

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const listAgreements = listAgreementsUseCase(tableParts(w));
  return apiHandler({ auth: true, env }, async ({ principal, query }) => {
    const input = listFiltersOf(parse(listAgreementsQuerySchema, query, 'query'));
    const page = await listAgreements({ principal, ...input });
    const at = w.now();
    return pageResponse(page, (agreement) => summaryViewOf(agreement, at));
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
