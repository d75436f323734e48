// POST /agreements/{id}/documents: a presigned upload of a document's file; the file goes
// straight to S3, then POST .../complete attaches it (application/documents.ts).
import { requestUploadUseCase } from '../../application/documents.ts';
import { documentRequestSchema } from '../../domain/document-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { wiring } from '../shared/wiring/parts.ts';
import { documentParts } from '../shared/wiring/document-files.ts';
import { answering, documentViewOf } from './document-answers.ts';
import { apiHandler, parse } from './http.ts';
import { agreementIdOf } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const requestUpload = requestUploadUseCase(documentParts(wiring(env, options)));
  return apiHandler({ auth: true, env }, (request) =>
    answering(async () => {
      const input = parse(documentRequestSchema, request.body, 'body');
      const agreementId = agreementIdOf(request);
      const { document, upload, expiresAt } = await requestUpload({
        principal: request.principal,
        agreementId,
        input,
      });
      return {
        status: 201,
        headers: { location: `/agreements/${agreementId}/documents/${document.documentId}` },
        body: {
          documentId: document.documentId,
          status: 'PENDING',
          upload,
          expiresAt,
          document: documentViewOf(document),
        },
      };
    }),
  );
}

export const handler = onFirstCall(() => createHandler(process.env));
