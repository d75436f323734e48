// What the document routes answer, mapped from the domain and typed against the schemas of
// document-views.ts; the errors of application/documents.ts as problems.
import { DocumentNotFoundError, UploadRefusedError } from '../../application/documents.ts';
import type { AgreementDocument } from '../../domain/documents.ts';
import type { DocumentView } from './document-views.ts';
import { Problem, problems, type ApiRequest } from './http.ts';
import { agreementIdOf } from './translate.ts';

export function documentViewOf(document: AgreementDocument): DocumentView {
  const view: Partial<AgreementDocument> = { ...document };
  // Where the file is stays the server's business.
  delete view.objectKey;
  delete view.versionId;
  delete view.agreementId;
  return view as DocumentView;
}

/** The document use cases' own refusals, as problems; anything else as it is. */
function documentProblem(error: unknown): unknown {
  if (error instanceof DocumentNotFoundError) return problems.notFound(error.message);
  if (error instanceof UploadRefusedError) {
    return new Problem(422, 'upload-refused', 'Upload refused', error.message);
  }
  return error;
}

/** Runs a document route's body, its refusals answered as problems. */
export async function answering<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw documentProblem(error);
  }
}

const DOCUMENT_ID = /^[0-9A-Za-z]{1,64}$/;

/** The agreement and document of the path; a document id no document can have is a 404. */
export function documentRefOf(request: ApiRequest) {
  const documentId = request.pathParameters.documentId ?? '';
  if (!DOCUMENT_ID.test(documentId)) {
    throw problems.notFound(`No document ${JSON.stringify(documentId.slice(0, 64))}`);
  }
  return { principal: request.principal, agreementId: agreementIdOf(request), documentId };
}
