// POST /agreements/{id}/documents/{documentId}/withdraw: marked withdrawn with a reason, in
// the history (DOCUMENT_WITHDRAWN); the file is kept.
import { withdrawDocumentUseCase } from '../../application/documents.ts';
import { withdrawDocumentSchema } from '../../domain/document-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring/parts.ts';
import { documentRecords } from '../shared/wiring/documents.ts';
import { answering, documentRefOf, documentViewOf } from './document-answers.ts';
import { apiHandler, parse } from './http.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const withdraw = withdrawDocumentUseCase(documentRecords(wiring(env, options)));
  return apiHandler({ auth: true, env }, (request) =>
    answering(async () => {
      const { reason } = parse(withdrawDocumentSchema, request.body, 'body');
      const document = await withdraw({ ...documentRefOf(request), reason });
      return { status: 200, body: documentViewOf(document) };
    }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
