// GET /agreements/{id}/documents/{documentId}: the document with a short-lived download URL.
import { getDocumentUseCase } from '../../application/documents.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring/parts.ts';
import { documentParts } from '../shared/wiring/document-files.ts';
import { answering, documentRefOf, documentViewOf } from './document-answers.ts';
import { apiHandler } from './http.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const getDocument = getDocumentUseCase(documentParts(wiring(env, options)));
  return apiHandler({ auth: true, env }, (request) =>
    answering(async () => {
      const { document, url, expiresAt } = await getDocument(documentRefOf(request));
      return { status: 200, body: { ...documentViewOf(document), url, expiresAt } };
    }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
