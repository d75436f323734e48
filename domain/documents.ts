// The signed documents of an agreement (scans of the MoU, PKS, BASTs, reports): what may be
// attached, how an upload is recognised as what it claims to be, and the history events of
// attaching, replacing and withdrawing one. The files live in object storage (adapters/s3);
// a document record only points at its object.
import { nextVersion, type Actor, type Agreement, type AuditEventDraft } from './agreement.ts';
import type { DocumentWrite } from './ports.ts';
import { reject, type Rejection } from './rejections.ts';
import type { DocumentRequest, MilestoneRef } from './document-schemas.ts';
import { MILESTONE_TYPES } from './enums.ts';
import type { MilestoneType, Side } from './schemas.ts';

export type { DocumentRequest, MilestoneRef } from './document-schemas.ts';

export const DOCUMENT_KINDS = [
  'MOU',
  'PKS',
  'AMENDMENT',
  'BAST',
  'TRAINING_REPORT',
  'FOLLOW_UP_REPORT',
  'OTHER',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The file types a document may have, with the bytes every such file starts with: an upload
 * whose first bytes say otherwise (a text file named .pdf) is refused and deleted.
 */
export const DOCUMENT_CONTENT_TYPES = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  // Scanners often write TIFF, in either byte order.
  'image/tiff': [
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a],
  ],
} as const satisfies Record<string, readonly (readonly number[])[]>;
export type DocumentContentType = keyof typeof DOCUMENT_CONTENT_TYPES;
/** The name endings of each type, for the clients that tell a file's type by its name. */
export const DOCUMENT_EXTENSIONS: Readonly<Record<string, DocumentContentType>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};
export const CONTENT_TYPES = Object.keys(DOCUMENT_CONTENT_TYPES) as [
  DocumentContentType,
  ...DocumentContentType[],
];

/** How many first bytes the check reads. */
export const SIGNATURE_BYTES = 8;
/** The largest file by default (25 MB); a deployment may set its own (DOCUMENT_MAX_BYTES). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
/** The bound above any deployment's setting: what the schema accepts at all. */
export const MAX_DOCUMENT_BYTES_LIMIT = 100 * 1024 * 1024;
/** Documents per agreement, pending uploads, replaced and withdrawn ones included. */
export const MAX_DOCUMENTS_PER_AGREEMENT = 200;
/** How long an upload URL and a download URL stay valid. */
export const UPLOAD_URL_SECONDS = 5 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;
/** A pending upload not completed within this is forgotten (the table's TTL deletes it). */
export const PENDING_UPLOAD_SECONDS = 24 * 3600;

/** Which milestones a document of each kind may document (any, for amendments and others). */
export const DOCUMENTED_MILESTONES: Record<DocumentKind, readonly MilestoneType[]> = {
  MOU: ['MOU_SIGNED'],
  PKS: ['PKS_SIGNED'],
  AMENDMENT: MILESTONE_TYPES,
  BAST: ['APP_HANDED_OVER'],
  TRAINING_REPORT: ['TRAINING_COMPLETED'],
  FOLLOW_UP_REPORT: ['FOLLOW_UP_REPORTED'],
  OTHER: MILESTONE_TYPES,
};

export type DocumentStatus = 'PENDING' | 'ATTACHED' | 'WITHDRAWN';

/** One document of an agreement, from its upload request on. */
export interface AgreementDocument {
  documentId: string;
  agreementId: string;
  kind: DocumentKind;
  fileName: string;
  contentType: DocumentContentType;
  sizeBytes: number;
  /** Hex, lower case. */
  sha256: string;
  milestone?: MilestoneRef;
  /** The document this one is a new version of, and the one that replaced this one. */
  replaces?: string;
  replacedBy?: string;
  status: DocumentStatus;
  /** The side of the coordinator who uploaded it: a partner withdraws only its side's. */
  side: Side;
  requestedAt: string;
  attachedAt?: string;
  /** Who uploaded it (a coordinator's subject) and their address, for display. */
  attachedBy: string;
  attachedByEmail?: string;
  withdrawal?: { reason: string; at: string; by: string; byEmail?: string };
  /** Where the file is in the bucket, and the version that was checked (versioned buckets). */
  objectKey: string;
  versionId?: string;
}

/** What the stored object turned out to be, read by the storage adapter. */
export interface StoredObject {
  sizeBytes: number;
  sha256: string;
  firstBytes: Uint8Array;
  versionId?: string;
}

export function objectKeyOf(agreementId: string, documentId: string): string {
  return `agreements/${agreementId}/${documentId}`;
}

/** Whether the file starts as its content type says it does. */
export function looksLike(contentType: DocumentContentType, firstBytes: Uint8Array): boolean {
  return DOCUMENT_CONTENT_TYPES[contentType].some((signature) =>
    signature.every((byte, i) => firstBytes[i] === byte),
  );
}

/** Why the stored object is not the announced file, or undefined when it is. */
export function objectMismatch(
  document: AgreementDocument,
  stored: StoredObject,
): string | undefined {
  if (stored.sizeBytes !== document.sizeBytes) {
    return `The file has ${String(stored.sizeBytes)} bytes, not the ${String(document.sizeBytes)} announced.`;
  }
  if (stored.sha256 !== document.sha256) {
    return `The file's SHA-256 is ${stored.sha256}, not the ${document.sha256} announced.`;
  }
  if (!looksLike(document.contentType, stored.firstBytes)) {
    return `The file is not a ${document.contentType} file: its first bytes say otherwise.`;
  }
  return undefined;
}

/** Refuses a request the agreement cannot take: too big, or for a milestone it does not have. */
export function checkRequest(
  agreement: Agreement,
  request: DocumentRequest,
  limits: { maxBytes: number; documents: number },
): Rejection | undefined {
  if (request.sizeBytes > limits.maxBytes) {
    return reject(
      'DOCUMENT_TOO_LARGE',
      `A document may have at most ${String(limits.maxBytes)} bytes.`,
      { limit: limits.maxBytes },
    );
  }
  if (limits.documents >= MAX_DOCUMENTS_PER_AGREEMENT) {
    return reject(
      'AGREEMENT_TOO_LARGE',
      `An agreement holds at most ${String(MAX_DOCUMENTS_PER_AGREEMENT)} documents.`,
      { kind: 'documents', limit: MAX_DOCUMENTS_PER_AGREEMENT },
    );
  }
  const { milestone } = request;
  if (!milestone) return undefined;
  if (!DOCUMENTED_MILESTONES[request.kind].includes(milestone.type)) {
    return reject(
      'MILESTONE_MISMATCH',
      `A ${request.kind} document does not document a ${milestone.type} milestone.`,
    );
  }
  if (milestone.appId !== undefined && !agreement.apps.some((a) => a.id === milestone.appId)) {
    return reject(
      'APP_NOT_IN_AGREEMENT',
      `Application ${milestone.appId} is not in the agreement.`,
    );
  }
  const kind = milestone.appId ? `${milestone.type}#${milestone.appId}` : milestone.type;
  if (!agreement.milestoneCounts[kind]) {
    return reject(
      'MILESTONE_NOT_RECORDED',
      `The agreement has no ${milestone.type}${milestone.appId ? ` of ${milestone.appId}` : ''} milestone yet: record it first.`,
    );
  }
  return undefined;
}

/** A document that can be replaced: attached, not withdrawn, not replaced already. */
export function checkReplaced(old: AgreementDocument | undefined): Rejection | undefined {
  if (old?.status !== 'ATTACHED' || old.replacedBy) {
    return reject(
      'DOCUMENT_NOT_REPLACEABLE',
      'Only an attached document that was not replaced or withdrawn can be replaced.',
    );
  }
  return undefined;
}

/** What a document change writes: the agreement's next version, the documents, the events. */
export interface DocumentChange {
  agreement: Agreement;
  documents: DocumentWrite[];
  events: AuditEventDraft[];
}

function eventData(document: AgreementDocument): Record<string, unknown> {
  const { documentId, kind, fileName, contentType, sizeBytes, sha256, milestone, replaces } =
    document;
  return {
    documentId,
    kind,
    fileName,
    contentType,
    sizeBytes,
    sha256,
    ...(milestone ? { milestone } : {}),
    ...(replaces ? { replaces } : {}),
  };
}

/** The checked upload attached: a DOCUMENT_ATTACHED event, and the replaced document marked. */
export function attachDocument(
  agreement: Agreement,
  document: AgreementDocument,
  replaced: AgreementDocument | undefined,
  now: Date,
): DocumentChange {
  const attached: AgreementDocument = {
    ...document,
    status: 'ATTACHED',
    attachedAt: now.toISOString(),
  };
  const actor: Actor = {
    actor: document.attachedBy,
    ...(document.attachedByEmail ? { actorEmail: document.attachedByEmail } : {}),
  };
  return {
    agreement: nextVersion(agreement, now),
    documents: [
      { document: attached, was: 'PENDING' },
      ...(replaced
        ? [{ document: { ...replaced, replacedBy: document.documentId }, was: 'ATTACHED' as const }]
        : []),
    ],
    events: [
      { type: 'DOCUMENT_ATTACHED', at: now.toISOString(), ...actor, data: eventData(attached) },
    ],
  };
}

/** Withdrawn: the record and the file stay, the history says who withdrew it and why. */
export function withdrawDocument(
  agreement: Agreement,
  document: AgreementDocument,
  reason: string,
  actor: Actor,
  now: Date,
): DocumentChange | Rejection {
  if (document.status !== 'ATTACHED') {
    return reject('DOCUMENT_NOT_ATTACHED', 'Only an attached document can be withdrawn.', {
      status: document.status,
    });
  }
  const at = now.toISOString();
  const withdrawn: AgreementDocument = {
    ...document,
    status: 'WITHDRAWN',
    withdrawal: {
      reason,
      at,
      by: actor.actor,
      ...(actor.actorEmail ? { byEmail: actor.actorEmail } : {}),
    },
  };
  return {
    agreement: nextVersion(agreement, now),
    documents: [{ document: withdrawn, was: 'ATTACHED' }],
    events: [
      { type: 'DOCUMENT_WITHDRAWN', at, ...actor, data: { ...eventData(document), reason } },
    ],
  };
}

/**
 * A Content-Disposition that names the file without letting its name break the header: an
 * ASCII fallback and the exact name percent-encoded (RFC 6266).
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
