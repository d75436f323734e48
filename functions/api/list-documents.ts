// GET /agreements/{id}/documents: the attached and withdrawn documents, oldest first.
import { listDocumentsUseCase } from '../../application/documents.ts';
import { pageQuerySchema } from '../../domain/page-query.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring/parts.ts';
import { documentRecords } from '../shared/wiring/documents.ts';
import { answering, documentViewOf } from './document-answers.ts';
import { apiHandler, parse } from './http.ts';
import { agreementIdOf, pageResponse } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const listDocuments = listDocumentsUseCase(documentRecords(wiring(env, options)));
  return apiHandler({ auth: true, env }, (request) =>
    answering(async () => {
      const query = parse(pageQuerySchema, request.query, 'query');
      const agreementId = agreementIdOf(request);
      const page = await listDocuments({ principal: request.principal, agreementId, ...query });
      return pageResponse(page, documentViewOf);
    }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
