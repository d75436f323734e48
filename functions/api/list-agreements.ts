// GET /agreements?stage=&province=&partnerRegion=&stalled=&needsAttention=&dormant=&q=&sort=&limit=&cursor=:
// application/list-agreements.ts over HTTP, a page at a time.
import { listAgreementsUseCase } from '../../application/list-agreements.ts';
import { listAgreementsQuerySchema } from '../../domain/schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { pageResponse } from './translate.ts';
import { summaryViewOf } from './views.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const listAgreements = listAgreementsUseCase(tableParts(w));
  return apiHandler({ auth: true, env }, async ({ principal, query }) => {
    const { partnerRegion, province, q, ...input } = parse(
      listAgreementsQuerySchema,
      query,
      'query',
    );
    const page = await listAgreements({
      principal,
      partnerRegionCode: partnerRegion,
      provinceCode: province,
      text: q,
      ...input,
    });
    const at = w.now();
    return pageResponse(page, (agreement) => summaryViewOf(agreement, at));
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
