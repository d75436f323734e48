// GET /agreements?stage=&partnerRegion=&limit=&cursor=: newest first, a page at a time.
// A partner coordinator sees only their own region's agreements.
import { listAgreementsQuerySchema } from '../../domain/schemas.ts';
import type { FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { readDependencies, type ApiOptions } from './dependencies.ts';
import { apiHandler, parse, problems } from './http.ts';
import { viewOf } from './views.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const { repository, now } = readDependencies(env, options);
  return apiHandler({ auth: true, env }, async ({ principal, query }) => {
    const input = parse(listAgreementsQuerySchema, query, 'query');
    let partnerRegionCode = input.partnerRegion;
    if (principal.role === 'PARTNER_COORDINATOR') {
      if (partnerRegionCode && partnerRegionCode !== principal.regionCode) {
        throw problems.forbidden(
          `You see only the agreements of region ${principal.regionCode ?? ''}.`,
        );
      }
      partnerRegionCode = principal.regionCode;
    }
    const page = await repository.list({
      limit: input.limit,
      ...(input.stage ? { stage: input.stage } : {}),
      ...(partnerRegionCode ? { partnerRegionCode } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
    });
    const at = now();
    return {
      status: 200,
      body: {
        items: page.items.map((a) => viewOf(a, at)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
    };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
