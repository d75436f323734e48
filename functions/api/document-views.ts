// What the document routes answer, as zod schemas: the OpenAPI document is generated from
// them, and document-answers.ts maps to their types (handlers import only the types).
import { milestoneRefSchema } from '../../domain/document-schemas.ts';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_KINDS } from '../../domain/documents.ts';
import { sideSchema } from '../../domain/schema-parts.ts';
import * as z from '../../domain/zod.ts';

export const documentView = z
  .object({
    documentId: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    fileName: z.string(),
    contentType: z.enum(Object.keys(DOCUMENT_CONTENT_TYPES) as [string, ...string[]]),
    sizeBytes: z.int(),
    sha256: z.string().check(z.describe('SHA-256 of the file, hex')),
    milestone: z
      .optional(milestoneRefSchema)
      .check(z.describe('The milestone the document records')),
    replaces: z.optional(z.string()).check(z.describe('The document this one is a new version of')),
    replacedBy: z.optional(z.string()).check(z.describe('The newer version of this document')),
    status: z.enum(['PENDING', 'ATTACHED', 'WITHDRAWN']),
    side: sideSchema.check(z.describe('The side of the coordinator who attached it')),
    attachedBy: z.string().check(z.describe('The Cognito subject of who attached it')),
    attachedByEmail: z.optional(z.string()),
    requestedAt: z.string(),
    attachedAt: z.optional(z.string()),
    withdrawal: z.optional(
      z.object({
        reason: z.string(),
        at: z.string(),
        by: z.string(),
        byEmail: z.optional(z.string()),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Document' });

export const uploadView = z
  .object({
    documentId: z.string(),
    status: z.literal('PENDING'),
    upload: z
      .object({
        method: z.enum(['PUT', 'POST']),
        url: z.string(),
        headers: z
          .optional(z.record(z.string(), z.string()))
          .check(z.describe('Send these headers with the file, as they are')),
        fields: z
          .optional(z.record(z.string(), z.string()))
          .check(z.describe('Form fields of a POST')),
      })
      .check(z.describe('Upload the file here, then POST .../complete')),
    expiresAt: z.string().check(z.describe('The upload URL works until then')),
    document: documentView,
  })
  .register(z.globalRegistry, { id: 'DocumentUpload' });

export const downloadView = z
  .extend(documentView, {
    url: z.string().check(z.describe('Downloads the file (Content-Disposition: attachment)')),
    expiresAt: z.string().check(z.describe('The URL works until then')),
  })
  .register(z.globalRegistry, { id: 'DocumentDownload' });

export type DocumentView = z.infer<typeof documentView>;
