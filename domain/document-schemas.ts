// What a client sends about a document (domain/documents.ts), apart from the document rules:
// the routes that validate no document request do not load these schemas.
import * as z from './zod.ts';
import { CONTENT_TYPES, DOCUMENT_KINDS, MAX_DOCUMENT_BYTES_LIMIT } from './documents.ts';
import { MILESTONE_TYPES } from './enums.ts';
import { multiLine, singleLine } from './schema-parts.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Safe in a Content-Disposition and on every file system: no path, quotes or controls. */
// eslint-disable-next-line no-control-regex
const UNSAFE_FILE_NAME = /[\u0000-\u001f\u007f"\\/]/;

export const milestoneRefSchema = z.strictObject({
  type: z.enum(MILESTONE_TYPES),
  appId: z
    .optional(singleLine(100))
    .check(z.describe('The application, for a per-application milestone')),
});
export type MilestoneRef = z.infer<typeof milestoneRefSchema>;

export const documentRequestSchema = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  fileName: singleLine(200).check(
    z.refine(
      (name) => !UNSAFE_FILE_NAME.test(name),
      'must be a file name without a path, quotes or backslashes',
    ),
  ),
  contentType: z.enum(CONTENT_TYPES, { message: 'must be a PDF, PNG, JPEG or TIFF file type' }),
  sizeBytes: z.int().check(z.minimum(1), z.maximum(MAX_DOCUMENT_BYTES_LIMIT)),
  sha256: z.pipe(
    z.pipe(
      z.string(),
      z.transform((s: string) => s.toLowerCase()),
    ),
    z.string().check(z.regex(SHA256_HEX, 'must be the SHA-256 of the file, 64 hex digits')),
  ),
  milestone: z.optional(milestoneRefSchema),
  replaces: z
    .optional(z.string().check(z.minLength(1), z.maxLength(64)))
    .check(z.describe('The document this one is a new version of')),
});
export type DocumentRequest = z.infer<typeof documentRequestSchema>;

export const withdrawDocumentSchema = z.strictObject({ reason: multiLine(1000) });
