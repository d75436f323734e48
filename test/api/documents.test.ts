// The signed documents of an agreement, through the API and the real S3 stand-in (s3rver):
// presign, upload with the URL, check and attach, list, download by role, refusals (a wrong
// checksum, a text file named .pdf, a missing upload, an expired URL) and withdrawal.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { S3DocumentFiles } from '../../adapters/s3/document-files.ts';
import type { AgreementDocument } from '../../domain/documents.ts';
import {
  agreementBody,
  DOCUMENT_MAX_BYTES,
  KUBU_RAYA,
  startApiHarness,
  type ApiHarness,
} from '../support/api.ts';
import { SMALL_PDF, THROUGH_PKS } from '../support/fixtures.ts';

const PDF = SMALL_PDF;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let h: ApiHarness;
let host: string;
let partner: string;
let otherPartner: string;
let agreementId: string;

beforeAll(async () => {
  h = await startApiHarness();
  host = await h.token({ role: 'host' });
  partner = await h.token({ role: 'partner', region: KUBU_RAYA });
  otherPartner = await h.token({ role: 'partner', region: '63.71' });
  const created = await h.call({
    method: 'POST',
    path: '/agreements',
    token: host,
    body: agreementBody({
      milestones: THROUGH_PKS,
    }),
  });
  expect(created.status).toBe(201);
  agreementId = created.body.id as string;
});
afterAll(async () => {
  await h.close();
});

const documentsPath = () => `/agreements/${agreementId}/documents`;

interface Announce {
  token?: string;
  file?: Buffer;
  body?: Record<string, unknown>;
}

/** POST .../documents for `file` (the announced size and checksum are the file's by default). */
function announce({ token = host, file = PDF, body = {} }: Announce = {}) {
  return h.call({
    method: 'POST',
    path: documentsPath(),
    token,
    body: {
      kind: 'PKS',
      fileName: 'PKS Kubu Raya.pdf',
      contentType: 'application/pdf',
      sizeBytes: file.length,
      sha256: sha256(file),
      ...body,
    },
  });
}

/** Uploads `bytes` the way a client does: the URL, method and headers the API gave. */
async function upload(answer: { body: { upload: UploadAnswer } }, bytes: Buffer) {
  const { method, url, headers } = answer.body.upload;
  return fetch(url, { method, headers, body: new Uint8Array(bytes) });
}
interface UploadAnswer {
  method: string;
  url: string;
  headers: Record<string, string>;
}

function complete(documentId: string, token = host) {
  return h.call({
    method: 'POST',
    path: `${documentsPath()}/${documentId}/complete`,
    token,
  });
}

/** Announces, uploads and completes; answers the complete's answer. */
async function attach(options: Announce & { upload?: Buffer } = {}) {
  const announced = await announce(options);
  expect(announced.status).toBe(201);
  const put = await upload(announced, options.upload ?? options.file ?? PDF);
  expect(put.status).toBe(200);
  return complete(announced.body.documentId as string, options.token);
}

async function objectExists(documentId: string): Promise<boolean> {
  try {
    await h.s3.client.send(
      new HeadObjectCommand({
        Bucket: h.s3.bucket,
        Key: `agreements/${agreementId}/${documentId}`,
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
}

describe('attaching a document', () => {
  it('presigns an upload, checks the uploaded PDF and attaches it to the PKS, in the history', async () => {
    const announced = await announce({ body: { milestone: { type: 'PKS_SIGNED' } } });
    expect(announced.status).toBe(201);
    expect(announced.body).toMatchObject({
      status: 'PENDING',
      upload: { method: 'PUT', headers: { 'content-type': 'application/pdf' } },
    });
    const documentId = announced.body.documentId as string;
    const presigned = announced.body.upload as UploadAnswer;
    const expiresAt = announced.body.expiresAt as string;
    expect(announced.headers.get('location')).toBe(`${documentsPath()}/${documentId}`);
    expect(new URL(presigned.url).origin).toBe(h.s3.endpoint);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    // Not listed while pending.
    expect((await h.call({ path: documentsPath(), token: host })).body.items).toEqual([]);

    expect((await upload(announced, PDF)).status).toBe(200);
    const completed = await complete(documentId);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      documentId,
      status: 'ATTACHED',
      sha256: sha256(PDF),
      sizeBytes: PDF.length,
      kind: 'PKS',
      side: 'HOST',
      milestone: { type: 'PKS_SIGNED' },
    });
    expect(completed.body).not.toHaveProperty('objectKey');

    // Completing again (a retry after a lost answer) answers the same.
    const again = await complete(documentId);
    expect(again.status).toBe(200);
    expect(again.body.attachedAt).toBe(completed.body.attachedAt);

    const listed = await h.call({ path: documentsPath(), token: host });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ documentId, sha256: sha256(PDF), status: 'ATTACHED' }),
    ]);

    const history = await h.call({ path: `/agreements/${agreementId}/history`, token: host });
    const attached = (
      history.body.items as { type: string; data: Record<string, unknown> }[]
    ).filter((e) => e.type === 'DOCUMENT_ATTACHED');
    expect(attached).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          documentId,
          kind: 'PKS',
          sha256: sha256(PDF),
          milestone: { type: 'PKS_SIGNED' },
        }),
      }),
    ]);

    // The download URL returns the very bytes, as an attachment under the file's name.
    const download = await h.call({
      path: `${documentsPath()}/${documentId}`,
      token: host,
    });
    expect(download.status).toBe(200);
    const file = await fetch(download.body.url as string);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="PKS Kubu Raya.pdf"; filename*=UTF-8''PKS%20Kubu%20Raya.pdf`,
    );
  });

  it('refuses and deletes an upload whose SHA-256 is not the announced one', async () => {
    const other = Buffer.from(PDF);
    other.write('2', 7); // %PDF-1.2 instead of 1.4: same size, another byte
    const announced = await announce();
    await upload(announced, other);
    const completed = await complete(announced.body.documentId as string);
    expect(completed.status).toBe(422);
    expect(completed.contentType).toContain('application/problem+json');
    expect(completed.body.detail).toContain('SHA-256');
    expect(await objectExists(announced.body.documentId as string)).toBe(false);
  });

  it('refuses and deletes a text file named .pdf', async () => {
    const text = Buffer.from('Ini bukan berkas PDF, hanya teks biasa.\n');
    const announced = await announce({ file: text, body: { fileName: 'PKS palsu.pdf' } });
    const documentId = announced.body.documentId as string;
    expect((await upload(announced, text)).status).toBe(200);
    expect(await objectExists(documentId)).toBe(true);
    const completed = await complete(documentId);
    expect(completed.status).toBe(422);
    expect(completed.body.detail).toContain('is not a application/pdf file');
    expect(await objectExists(documentId)).toBe(false);
  });

  it('answers 422 when nothing was uploaded, and 404 for an unknown document', async () => {
    const announced = await announce();
    const completed = await complete(announced.body.documentId as string);
    expect(completed.status).toBe(422);
    expect(completed.body.detail).toContain('No file was uploaded');
    expect((await complete('01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await complete('../../etc')).status).toBe(404);
  });

  it('refuses what the rules refuse: type, size, a milestone of another kind or not recorded', async () => {
    const wrongType = await announce({ body: { contentType: 'text/plain' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ field: 'body.contentType' })]);
    const tooLarge = await announce({ body: { sizeBytes: DOCUMENT_MAX_BYTES + 1 } });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.code).toBe('DOCUMENT_TOO_LARGE');
    const badName = await announce({ body: { fileName: '../PKS.pdf' } });
    expect(badName.status).toBe(400);
    const mismatch = await announce({ body: { milestone: { type: 'MOU_SIGNED' } } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('MILESTONE_MISMATCH');
    const notYet = await announce({
      body: { kind: 'BAST', milestone: { type: 'APP_HANDED_OVER', appId: 'e-rk' } },
    });
    expect(notYet.status).toBe(409);
    expect(notYet.body.code).toBe('MILESTONE_NOT_RECORDED');
  });
});

describe('who sees and attaches documents', () => {
  let documentId: string;
  beforeAll(async () => {
    const attached = await attach({ body: { kind: 'MOU', fileName: 'MoU.pdf' } });
    expect(attached.status).toBe(200);
    documentId = attached.body.documentId as string;
  });

  it('lets the partner of the region list and download, and attach its side’s documents', async () => {
    const listed = await h.call({ path: documentsPath(), token: partner });
    expect(listed.status).toBe(200);
    expect((listed.body.items as AgreementDocument[]).map((d) => d.documentId)).toContain(
      documentId,
    );
    const download = await h.call({ path: `${documentsPath()}/${documentId}`, token: partner });
    expect(download.status).toBe(200);
    expect((await fetch(download.body.url as string)).status).toBe(200);

    const own = await attach({ token: partner, body: { kind: 'TRAINING_REPORT' } });
    expect(own.status).toBe(200);
    expect(own.body.side).toBe('PARTNER');
    const bast = await announce({ token: partner, body: { kind: 'BAST' } });
    expect(bast.status).toBe(403);
  });

  it('answers 404 to a partner of another region, as if the agreement did not exist', async () => {
    const calls = [
      { path: documentsPath() },
      { path: `${documentsPath()}/${documentId}` },
      { method: 'POST', path: `${documentsPath()}/${documentId}/complete` },
      {
        method: 'POST',
        path: `${documentsPath()}/${documentId}/withdraw`,
        body: { reason: 'Salah unggah' },
      },
    ];
    for (const call of calls) {
      const answer = await h.call({ ...call, token: otherPartner });
      expect([call.path, answer.status]).toEqual([call.path, 404]);
    }
    expect((await announce({ token: otherPartner })).status).toBe(404);
  });
});

describe('withdrawing and replacing', () => {
  it('keeps a withdrawn document in the list and the history, with its file', async () => {
    const attached = await attach({ body: { kind: 'OTHER', fileName: 'Lampiran.pdf' } });
    const documentId = attached.body.documentId as string;
    const path = `${documentsPath()}/${documentId}/withdraw`;
    expect((await h.call({ method: 'POST', path, token: host, body: {} })).status).toBe(400);
    expect(
      (await h.call({ method: 'POST', path, token: partner, body: { reason: 'Keliru' } })).status,
    ).toBe(403);

    const withdrawn = await h.call({
      method: 'POST',
      path,
      token: host,
      body: { reason: 'Berkas yang keliru diunggah' },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { reason: 'Berkas yang keliru diunggah' },
    });
    const again = await h.call({ method: 'POST', path, token: host, body: { reason: 'Lagi' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DOCUMENT_NOT_ATTACHED');

    const listed = await h.call({ path: documentsPath(), token: host });
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ documentId, status: 'WITHDRAWN' }),
    );
    const history = await h.call({ path: `/agreements/${agreementId}/history`, token: host });
    expect(history.body.items).toContainEqual(
      expect.objectContaining({
        type: 'DOCUMENT_WITHDRAWN',
        data: expect.objectContaining({ documentId, reason: 'Berkas yang keliru diunggah' }),
      }),
    );
    expect(await objectExists(documentId)).toBe(true);
  });

  it('links a new version to the one it replaces', async () => {
    const first = await attach({ body: { kind: 'AMENDMENT', fileName: 'Adendum.pdf' } });
    const firstId = first.body.documentId as string;
    const second = await attach({
      body: { kind: 'AMENDMENT', fileName: 'Adendum rev.pdf', replaces: firstId },
    });
    expect(second.status).toBe(200);
    expect(second.body.replaces).toBe(firstId);
    const old = await h.call({ path: `${documentsPath()}/${firstId}`, token: host });
    expect(old.body.replacedBy).toBe(second.body.documentId);
    const third = await announce({ body: { kind: 'AMENDMENT', replaces: firstId } });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('DOCUMENT_NOT_REPLACEABLE');
  });
});

describe('the presigned URLs on the S3 stand-in', () => {
  it('stop working when they expire', async () => {
    const files = new S3DocumentFiles({ client: h.s3.client, bucket: h.s3.bucket });
    const document = {
      objectKey: `agreements/${agreementId}/EXPIRY`,
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      fileName: 'x.pdf',
    } as AgreementDocument;
    const put = await files.uploadUrl(document, 1);
    const get = await files.downloadUrl(document, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const late = await fetch(put.url, { method: 'PUT', headers: put.headers, body: PDF });
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
    expect((await fetch(get.url)).status).toBe(403);
  });
});
