// POST /agreements/{id}/documents/{documentId}/complete: the uploaded file checked (size,
// SHA-256, first bytes) and attached with a DOCUMENT_ATTACHED event, or refused (422).
import { completeUploadUseCase } from '../../application/documents.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring/parts.ts';
import { documentParts } from '../shared/wiring/document-files.ts';
import { answering, documentRefOf, documentViewOf } from './document-answers.ts';
import { apiHandler } from './http.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const completeUpload = completeUploadUseCase(documentParts(wiring(env, options)));
  return apiHandler({ auth: true, env }, (request) =>
    answering(async () => {
      const document = await completeUpload(documentRefOf(request));
      return { status: 200, body: documentViewOf(document) };
    }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
