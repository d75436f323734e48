// The signed documents of an agreement: an upload is requested (a presigned URL, nothing
// passes through the function), checked once uploaded (size, SHA-256, first bytes) and only
// then attached with a DOCUMENT_ATTACHED event; read through short-lived download URLs;
// withdrawn with a reason, never deleted.
import { actorOf, canAttach, canWithdraw, sideOf, type Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import {
  attachDocument,
  checkReplaced,
  checkRequest,
  DOWNLOAD_URL_SECONDS,
  objectKeyOf,
  objectMismatch,
  PENDING_UPLOAD_SECONDS,
  UPLOAD_URL_SECONDS,
  withdrawDocument,
  type AgreementDocument,
  type DocumentChange,
  type DocumentRequest,
} from '../domain/documents.ts';
import type { AgreementStore, DocumentFiles, DocumentStore, Log, Page } from '../domain/ports.ts';
import type { Rejection } from '../domain/rejections.ts';
import { visibleAgreement } from './agreements.ts';
import { retryOnConflict } from './commit.ts';
import { AccessDeniedError, RuleRejectedError } from './errors.ts';

/** What the use cases that only read and change the records need (no object storage). */
export interface DocumentRecordDeps {
  agreements: Pick<AgreementStore, 'get'>;
  documents: DocumentStore;
  log: Log;
  now: () => Date;
  newId: () => string;
  /** The deployment's largest file (DOCUMENT_MAX_BYTES). */
  maxBytes: number;
}

export interface DocumentDeps extends DocumentRecordDeps {
  files: DocumentFiles;
}

/** No such document on this agreement (or a pending upload that expired). */
export class DocumentNotFoundError extends Error {
  constructor(documentId: string) {
    super(`No document ${documentId} on this agreement`);
    this.name = 'DocumentNotFoundError';
  }
}

/** The uploaded file is missing or is not the announced one (a mismatch is deleted). */
export class UploadRefusedError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'UploadRefusedError';
  }
}

interface DocumentRef {
  principal: Principal;
  agreementId: string;
  documentId: string;
}

function refused(rejection: Rejection | undefined): void {
  if (rejection) throw new RuleRejectedError(rejection);
}

async function documentOf(
  deps: DocumentRecordDeps,
  agreement: Agreement,
  documentId: string,
): Promise<AgreementDocument> {
  const document = await deps.documents.getDocument(agreement.id, documentId);
  if (!document) throw new DocumentNotFoundError(documentId);
  return document;
}

/** Writes a document change made from the agreement and document as stored now. */
function changeDocuments(
  deps: DocumentRecordDeps,
  ref: DocumentRef,
  change: (
    agreement: Agreement,
    document: AgreementDocument,
  ) => Promise<DocumentChange | AgreementDocument>,
): Promise<AgreementDocument> {
  return retryOnConflict(async () => {
    const agreement = await visibleAgreement(deps.agreements, ref.principal, ref.agreementId);
    const document = await documentOf(deps, agreement, ref.documentId);
    const changed = await change(agreement, document);
    if (!('events' in changed)) return changed;
    await deps.documents.updateWithDocuments(changed.agreement, changed.events, changed.documents);
    const [first] = changed.documents;
    return first?.document ?? document;
  });
}

export function requestUploadUseCase(deps: DocumentDeps) {
  return async ({
    principal,
    agreementId,
    input,
  }: {
    principal: Principal;
    agreementId: string;
    input: DocumentRequest;
  }) => {
    const agreement = await visibleAgreement(deps.agreements, principal, agreementId);
    const side = sideOf(principal);
    if (!side || !canAttach(principal, agreement, input.kind)) {
      throw new AccessDeniedError(
        `Your role may not attach ${input.kind} documents to this agreement.`,
      );
    }
    if (input.replaces !== undefined) {
      refused(checkReplaced(await deps.documents.getDocument(agreementId, input.replaces)));
    }
    const documents = await deps.documents.countDocuments(agreementId);
    refused(checkRequest(agreement, input, { maxBytes: deps.maxBytes, documents }));

    const now = deps.now();
    const documentId = deps.newId();
    const document: AgreementDocument = {
      ...input,
      documentId,
      agreementId,
      status: 'PENDING',
      side,
      requestedAt: now.toISOString(),
      attachedBy: actorOf(principal).actor,
      ...(principal.email ? { attachedByEmail: principal.email } : {}),
      objectKey: objectKeyOf(agreementId, documentId),
    };
    await deps.documents.putPending(
      document,
      new Date(now.getTime() + PENDING_UPLOAD_SECONDS * 1000),
    );
    const { expiresAt, ...upload } = await deps.files.uploadUrl(document, UPLOAD_URL_SECONDS);
    return { document, upload, expiresAt };
  };
}

export function completeUploadUseCase(deps: DocumentDeps) {
  return (ref: DocumentRef): Promise<AgreementDocument> =>
    changeDocuments(deps, ref, async (agreement, document) => {
      if (!canAttach(ref.principal, agreement, document.kind)) {
        throw new AccessDeniedError(
          `Your role may not attach ${document.kind} documents to this agreement.`,
        );
      }
      // Completing again answers the same (a retry after a lost answer).
      if (document.status !== 'PENDING') {
        refused(document.status === 'WITHDRAWN' ? withdrawnRejection : undefined);
        return document;
      }
      const stored = await deps.files.inspect(document.objectKey, document.sizeBytes);
      if (!stored) {
        throw new UploadRefusedError(
          'No file was uploaded for this document: upload it to the URL given, then complete.',
        );
      }
      const mismatch = objectMismatch(document, stored);
      if (mismatch) {
        await deps.files.discard(document.objectKey, stored.versionId);
        deps.log.warn('Upload refused and deleted', { documentId: document.documentId, mismatch });
        throw new UploadRefusedError(`${mismatch} The upload was deleted.`);
      }
      await deps.files.retain(document.objectKey, stored.versionId);
      const replaced = document.replaces
        ? await deps.documents.getDocument(agreement.id, document.replaces)
        : undefined;
      if (document.replaces) refused(checkReplaced(replaced));
      const checked = { ...document, ...(stored.versionId ? { versionId: stored.versionId } : {}) };
      return attachDocument(agreement, checked, replaced, deps.now());
    });
}

const withdrawnRejection: Rejection = {
  code: 'DOCUMENT_NOT_ATTACHED',
  message: 'The document was withdrawn.',
};

export function withdrawDocumentUseCase(deps: DocumentRecordDeps) {
  return (ref: DocumentRef & { reason: string }): Promise<AgreementDocument> =>
    changeDocuments(deps, ref, (agreement, document) => {
      if (document.status === 'PENDING') throw new DocumentNotFoundError(document.documentId);
      if (!canWithdraw(ref.principal, agreement, document)) {
        throw new AccessDeniedError('Your role may not withdraw this document.');
      }
      const change = withdrawDocument(
        agreement,
        document,
        ref.reason,
        actorOf(ref.principal),
        deps.now(),
      );
      if (!('events' in change)) throw new RuleRejectedError(change);
      return Promise.resolve(change);
    });
}

export function listDocumentsUseCase(deps: DocumentRecordDeps) {
  return async (query: {
    principal: Principal;
    agreementId: string;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<AgreementDocument>> => {
    const agreement = await visibleAgreement(deps.agreements, query.principal, query.agreementId);
    return deps.documents.documents(agreement.id, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  };
}

/** An attached or withdrawn document with a short-lived URL of its file. */
export function getDocumentUseCase(deps: DocumentDeps) {
  return async (ref: DocumentRef) => {
    const agreement = await visibleAgreement(deps.agreements, ref.principal, ref.agreementId);
    const document = await documentOf(deps, agreement, ref.documentId);
    if (document.status === 'PENDING') throw new DocumentNotFoundError(ref.documentId);
    const url = await deps.files.downloadUrl(document, DOWNLOAD_URL_SECONDS);
    return { document, ...url };
  };
}
