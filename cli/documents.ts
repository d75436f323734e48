// `npx sepakat attach <id> --kind PKS file.pdf` and `npx sepakat documents <id>`: a signed
// scan attached to an agreement the way the API wants it (announce with size and SHA-256,
// upload to the presigned URL with a progress bar, complete), and the agreement's documents.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { DOCUMENT_EXTENSIONS, DOCUMENT_KINDS } from '../domain/documents.ts';
import { MILESTONE_TYPES } from '../domain/schemas.ts';
import { ApiUnreachable, type ApiClient } from './api-client.ts';
import { UsageError, userPath, type CliIo, type OutputStream } from './shared.ts';

export const DOCUMENT_USAGE = {
  attach: `sepakat attach <id> --kind <KIND> <file> [--milestone <TYPE> [--app <id>]] [--replaces <documentId>]
  Attaches a signed document's scan (PDF, PNG, JPEG or TIFF): announces it with its size and
  SHA-256, uploads it straight to storage (a progress bar for large files), then has it
  checked and attached. KIND: ${DOCUMENT_KINDS.join(', ')}. --milestone: the milestone it
  documents (e.g. PKS_SIGNED; APP_HANDED_OVER with --app for a BAST). --replaces: the
  document this file is a new version of.`,
  documents: `sepakat documents <id>
  The agreement's documents: kind, status, file, size, SHA-256, who attached it and when.`,
} as const;

/** Files from this size get a progress bar (on a terminal). */
export const PROGRESS_FROM_BYTES = 1024 * 1024;

export interface AttachOptions {
  kind: string;
  milestone?: { type: string; appId?: string };
  replaces?: string;
}

/** The `attach` options as the API's request fields; throws UsageError. */
export function attachOptionsOf(values: {
  kind?: string | undefined;
  milestone?: string | undefined;
  app?: string | undefined;
  replaces?: string | undefined;
}): AttachOptions {
  const kind = values.kind?.toUpperCase().replaceAll('-', '_');
  if (!kind || !(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of ${DOCUMENT_KINDS.join(', ')}.`);
  }
  const type = values.milestone?.toUpperCase().replaceAll('-', '_');
  if (type !== undefined && !(MILESTONE_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--milestone must be one of ${MILESTONE_TYPES.join(', ')}.`);
  }
  if (values.app !== undefined && type === undefined) {
    throw new UsageError('--app goes with --milestone (e.g. APP_HANDED_OVER --app e-rk).');
  }
  return {
    kind,
    ...(type ? { milestone: { type, ...(values.app ? { appId: values.app } : {}) } } : {}),
    ...(values.replaces ? { replaces: values.replaces } : {}),
  };
}

export function contentTypeOf(file: string): string {
  const type = DOCUMENT_EXTENSIONS[extname(file).slice(1).toLowerCase()];
  if (!type) {
    throw new UsageError(
      `${basename(file)}: attach a PDF, PNG, JPEG or TIFF file (${Object.keys(DOCUMENT_EXTENSIONS)
        .map((e) => `.${e}`)
        .join(', ')}).`,
    );
  }
  return type;
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const MB = 1024 * 1024;

/** `[##########..........]  52%  1.3/2.5 MB`, redrawn in place. */
export function progressBar(sent: number, total: number, width = 30): string {
  const share = total === 0 ? 1 : sent / total;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${(sent / MB).toFixed(1)}/${(total / MB).toFixed(1)} MB`;
}

interface Upload {
  method: string;
  url: string;
  headers?: Record<string, string>;
}

/** PUTs the file to the presigned URL, telling `onProgress` how many bytes went. */
export function uploadFile(
  path: string,
  size: number,
  upload: Upload,
  onProgress: (sent: number) => void,
): Promise<void> {
  const url = new URL(upload.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      { method: upload.method, headers: { ...upload.headers, 'content-length': String(size) } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else
            reject(
              new Error(
                `The storage refused the upload: HTTP ${String(status)} ${text.slice(0, 300)}`,
              ),
            );
        });
      },
    );
    request.on('error', reject);
    let sent = 0;
    const file = createReadStream(path);
    file.on('data', (chunk) => {
      sent += chunk.length;
      onProgress(sent);
    });
    file.on('error', reject);
    file.pipe(request);
  });
}

/** Announces, uploads and completes; returns the attached document as the API answers it. */
export async function attachFile(
  client: ApiClient,
  agreementPath: string,
  file: string,
  options: AttachOptions,
  io: CliIo,
): Promise<Record<string, unknown>> {
  const contentType = contentTypeOf(file);
  const path = userPath(file, io.env);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const announced = await client.request<{ documentId: string; upload: Upload }>(
    `${agreementPath}/documents`,
    {
      method: 'POST',
      body: {
        ...options,
        fileName: basename(file),
        contentType,
        sizeBytes: size,
        sha256: await sha256Of(path),
      },
    },
  );
  const bar = showsProgress(io.stderr, size);
  await uploadFile(path, size, announced.upload, (sent) => {
    if (bar) io.stderr.write(`\r${progressBar(sent, size)}`);
  }).catch((error: unknown) => {
    // Nothing is attached: the announced document expires unless uploaded again.
    throw new ApiUnreachable(`The upload of ${file} failed: ${(error as Error).message}`);
  });
  if (bar) io.stderr.write('\n');
  return client.request(`${agreementPath}/documents/${announced.documentId}/complete`, {
    method: 'POST',
  });
}

function showsProgress(stream: OutputStream, size: number): boolean {
  return stream.isTTY === true && size >= PROGRESS_FROM_BYTES;
}

export interface DocumentJson {
  documentId: string;
  kind: string;
  status: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  attachedAt?: string;
  attachedByEmail?: string;
  attachedBy: string;
  milestone?: { type: string; appId?: string };
  withdrawal?: { reason: string };
}

/** The documents as a table for people. */
export function documentsTable(documents: DocumentJson[]): string {
  if (documents.length === 0) return 'No documents.\n';
  const rows = documents.map((d) => [
    d.documentId,
    d.kind,
    d.status,
    d.fileName,
    `${(d.sizeBytes / 1024).toFixed(0)} KB`,
    d.sha256.slice(0, 12),
    d.attachedAt?.slice(0, 16).replace('T', ' ') ?? '',
    d.attachedByEmail ?? d.attachedBy,
    d.milestone ? `${d.milestone.type}${d.milestone.appId ? ` ${d.milestone.appId}` : ''}` : '',
  ]);
  const header = [
    'DOCUMENT',
    'KIND',
    'STATUS',
    'FILE',
    'SIZE',
    'SHA-256',
    'ATTACHED',
    'BY',
    'MILESTONE',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const withdrawn = documents.filter((d) => d.withdrawal);
  return [
    line(header),
    ...rows.map(line),
    ...withdrawn.map((d) => `  ${d.documentId} withdrawn: ${d.withdrawal?.reason ?? ''}`),
  ]
    .join('\n')
    .concat('\n');
}

/** `attach` and `documents` command lines: the agreement id, the file and the options. */
export function parseDocumentArgs(command: 'attach' | 'documents', args: string[]) {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: {
      api: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...(command === 'attach'
        ? {
            kind: { type: 'string' },
            milestone: { type: 'string' },
            app: { type: 'string' },
            replaces: { type: 'string' },
          }
        : {}),
    },
  });
  const expected = command === 'attach' ? 2 : 1;
  if (!parsed.values.help && parsed.positionals.length !== expected) {
    throw new UsageError(
      command === 'attach'
        ? 'attach needs the agreement id and one file: sepakat attach <id> --kind PKS file.pdf.'
        : 'documents needs the agreement id: sepakat documents <id>.',
    );
  }
  return parsed;
}
