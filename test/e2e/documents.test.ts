// Local mode's documents, end to end: `npm start` in a child process (DynamoDB Local, the
// engine, the SES and S3 stand-ins, the API) on ports of its own, then a small real PDF attached to the PKS
// through the API (presign, PUT, complete), listed with its SHA-256 and downloaded byte for
// byte; a text file named .pdf refused; a partner of another region answered 404.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { devKeyFile, loadOrCreateDevKey, signDevToken } from '../../local/api/dev-tokens.ts';
import { freePort } from '../../local/dynamodb-local.ts';
import { kubuRayaInput, SMALL_PDF, THROUGH_PKS } from '../support/fixtures.ts';

jest.setTimeout(120_000);

const PDF = SMALL_PDF;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const ROOT = new URL('../../', import.meta.url);
let dataDir: string;
let apiUrl: string;
let output = '';
let exited: Promise<unknown> = Promise.resolve();
let stopLocalMode = () => undefined as unknown;
let token: (identity: Parameters<typeof signDevToken>[1]) => Promise<string>;
let host: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sepakat-e2e-documents-'));
  const ports = [];
  for (const variable of ['API', 'SFN', 'DDB', 'SES', 'S3']) {
    ports.push([`SEPAKAT_${variable}_PORT`, String(await freePort())]);
  }
  const env = Object.fromEntries(ports) as Record<string, string>;
  apiUrl = `http://127.0.0.1:${env.SEPAKAT_API_PORT ?? ''}`;
  const child = spawn(process.execPath, ['local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, SEPAKAT_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => child.once('exit', resolve));
  stopLocalMode = () => child.kill('SIGTERM');
  const deadline = Date.now() + 90_000;
  while (!output.includes('Sepakat local mode is ready')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(output);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const key = await loadOrCreateDevKey(devKeyFile(dataDir));
  token = (identity) => signDevToken(key, identity);
  host = await token({ role: 'host' });
});
afterAll(async () => {
  stopLocalMode();
  await exited;
  await rm(dataDir, { recursive: true, force: true });
});

async function call(path: string, token: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

/** What the test reads of the answers (agreement, documents, upload, download, problem). */
interface Answer {
  id: string;
  documentId: string;
  status: string;
  sha256: string;
  url: string;
  upload: { method: string; url: string; headers: Record<string, string> };
  items: { documentId: string; sha256: string }[];
}

/** Presign, PUT the bytes as told, complete. */
async function attach(agreementId: string, file: Buffer, fileName: string) {
  const announced = await call(`/agreements/${agreementId}/documents`, host, {
    kind: 'PKS',
    fileName,
    contentType: 'application/pdf',
    sizeBytes: file.length,
    sha256: sha256(file),
    milestone: { type: 'PKS_SIGNED' },
  });
  expect(announced.status).toBe(201);
  const { url, method, headers } = announced.body.upload;
  expect((await fetch(url, { method, headers, body: new Uint8Array(file) })).status).toBe(200);
  return call(
    `/agreements/${agreementId}/documents/${announced.body.documentId}/complete`,
    host,
    {},
  );
}

it('attaches a PDF to the PKS, lists it with its SHA-256 and downloads the same bytes', async () => {
  expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
  expect(output).toMatch(/S3 stand-in +http:\/\/127\.0\.0\.1:\d+/);
  const { title, partnerRegion, apps, contacts } = kubuRayaInput();
  const created = await call('/agreements', host, {
    title,
    partnerRegion,
    apps,
    contacts,
    milestones: THROUGH_PKS,
  });
  expect(created.status).toBe(201);
  const id = created.body.id;

  const attached = await attach(id, PDF, 'PKS.pdf');
  expect(attached).toMatchObject({
    status: 200,
    body: { status: 'ATTACHED', sha256: sha256(PDF) },
  });
  const listed = await call(`/agreements/${id}/documents`, host);
  expect(listed.body.items).toEqual([
    expect.objectContaining({ documentId: attached.body.documentId, sha256: sha256(PDF) }),
  ]);
  const download = await call(`/agreements/${id}/documents/${attached.body.documentId}`, host);
  const file = await fetch(download.body.url);
  expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
  // The stand-in keeps the files in the data folder.
  expect(await readdir(join(dataDir, 's3'))).toContain('sepakat-documents');

  const fake = await attach(id, Buffer.from('bukan PDF\n'), 'palsu.pdf');
  expect(fake.status).toBe(422);

  const other = await token({ role: 'partner', region: '63.71' });
  expect((await call(`/agreements/${id}/documents`, other)).status).toBe(404);
  const partner = await token({ role: 'partner', region: '61.12' });
  expect((await call(`/agreements/${id}/documents`, partner)).status).toBe(200);
});
