// importAgreements and `npm run import` against a stand-in of POST /agreements on loopback: it
// keeps Idempotency-Keys like the API (same key and body: the first result, marked
// Idempotent-Replayed), answers with the API's problem details, and can be told to fail. The real API on DynamoDB Local is the api
// project's business; this checks what the import sends, how it retries, and what it reports.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { importAgreements, parseImportArgs, runImport } from '../../cli/import.ts';
import { readCsv } from '../../cli/import-rows.ts';
import {
  progressBar,
  reportTable,
  resultText,
  type ImportProgress,
  type ImportReport,
} from '../../cli/import-report.ts';
import type { CliIo } from '../../cli/shared.ts';
import { principalFromClaims } from '../../functions/api/principal.ts';
import { loadOrCreateDevKey, verifyDevToken } from '../../local/api/dev-tokens.ts';

const TOKEN = 'good-token';

interface Received {
  key: string | undefined;
  body: { title: string };
}

/** POST /agreements as the API answers it, in memory. */
class FakeApi {
  server: Server = createServer((request, response) => {
    void this.handle(request).then(({ status, body, headers = {} }) => {
      response.writeHead(status, {
        'content-type': status < 300 ? 'application/json' : 'application/problem+json',
        ...headers,
      });
      response.end(JSON.stringify(body));
    });
  });
  endpoint = '';
  received: Received[] = [];
  stored = new Map<string, { text: string; agreement: { id: string; createdAt: string } }>();
  inFlight = 0;
  maxInFlight = 0;
  delayMs = 0;
  /** Answers 503 this many times before handling a title. */
  unavailable = new Map<string, number>();
  /** Accepts other bearer tokens too (development tokens). */
  accept: ((token: string) => Promise<boolean>) | undefined;
  next = 1;

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset() {
    this.received = [];
    this.stored.clear();
    this.unavailable.clear();
    this.maxInFlight = 0;
    this.delayMs = 0;
    this.accept = undefined;
  }

  async handle(
    request: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    if (request.url === '/health') return { status: 200, body: { status: 'ok' } };
    let text = '';
    for await (const chunk of request) text += String(chunk);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayMs > 0) await sleep(this.delayMs);
      const problem = (status: number, code: string, detail: string, extra = {}) => ({
        status,
        body: { type: `urn:sepakat:problem:${code}`, title: code, status, detail, ...extra },
      });
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (token !== TOKEN && !(await this.accept?.(token))) {
        return problem(401, 'unauthorized', 'A valid bearer token is required.');
      }
      const key = request.headers['idempotency-key'] as string | undefined;
      const body = JSON.parse(text) as { title: string };
      this.received.push({ key, body });
      const outages = this.unavailable.get(body.title) ?? 0;
      if (outages > 0) {
        this.unavailable.set(body.title, outages - 1);
        return problem(503, 'workflow-unavailable', 'Workflow not started');
      }
      const earlier = key ? this.stored.get(key) : undefined;
      if (earlier) {
        if (earlier.text !== text) {
          return problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used ...');
        }
        return { status: 201, body: earlier.agreement, headers: { 'idempotent-replayed': 'true' } };
      }
      if (body.title.includes('invalid on the server')) {
        return problem(400, 'validation', 'The request has 2 problems: see errors.', {
          errors: [
            { field: 'body.contacts.0.email', message: 'is not deliverable' },
            { field: 'body.milestones.1.validUntil', message: 'is too late' },
          ],
        });
      }
      if (body.title.includes('out of order')) {
        return problem(409, 'stage-mismatch', 'PKS_SIGNED is not accepted in stage MOU', {
          code: 'STAGE_MISMATCH',
        });
      }
      const agreement = {
        id: `AGR${String(this.next++).padStart(3, '0')}`,
        createdAt: new Date().toISOString(),
      };
      if (key) this.stored.set(key, { text, agreement });
      return { status: 201, body: agreement };
    } finally {
      this.inFlight -= 1;
    }
  }
}

const api = new FakeApi();
beforeAll(() => api.start());
afterAll(
  () =>
    new Promise<void>((resolve) => {
      api.server.closeAllConnections();
      api.server.close(() => {
        resolve();
      });
    }),
);
beforeEach(() => {
  api.reset();
});

/** A valid POST /agreements body for a partner region, titled by `title`. */
function body(title: string, code = '61.12') {
  return {
    title,
    partnerRegion: { code },
    apps: [{ id: 'sabilulungan' }],
    contacts: [
      {
        name: 'Kepala Diskominfo',
        email: 'kadiskominfo@kuburaya.example.go.id',
        role: 'OFFICIAL',
        side: 'PARTNER',
      },
    ],
    milestones: [
      { type: 'MOU_SIGNED', occurredAt: '2018-12-14' },
      { type: 'PKS_SIGNED', occurredAt: '2019-02-22', validUntil: '2024-02-21' },
    ],
  };
}

const options = (rows: unknown[]) => ({
  rows,
  apiUrl: api.endpoint,
  token: TOKEN,
  retryDelayMs: 1,
});

const statuses = (report: ImportReport) => report.rows.map((r) => `${r.row} ${r.status}`);

describe('importAgreements', () => {
  it('creates each row once; the same import again replays the same agreements', async () => {
    const rows = [body('Kerja sama A'), body('Kerja sama B', '15.01')];
    const first = await importAgreements(options(rows));
    expect(statuses(first)).toEqual(['1 created', '2 created']);
    expect(first.counts).toMatchObject({ created: 2, rejected: 0, failed: 0 });
    const ids = first.rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(2);

    const again = await importAgreements(options(rows));
    expect(statuses(again)).toEqual(['1 replayed', '2 replayed']);
    expect(again.rows.map((r) => r.id)).toEqual(ids);
    expect(api.stored.size).toBe(2);
  });

  it('sends the schema output with a content-derived Idempotency-Key', async () => {
    const report = await importAgreements(options([{ ...body('  Kerja sama A  ') }]));
    const [sent] = api.received;
    expect(sent?.body.title).toBe('Kerja sama A');
    expect(sent?.key).toMatch(/^import-[0-9a-f]{40}$/);
    expect(report.rows[0]?.idempotencyKey).toBe(sent?.key);
  });

  it('rejects invalid rows locally without sending them, and identical rows as duplicates', async () => {
    const report = await importAgreements(
      options([body('Kerja sama A'), { ...body('Kerja sama B'), apps: [] }, body('Kerja sama A')]),
    );
    expect(statuses(report)).toEqual(['1 created', '2 rejected', '3 rejected']);
    expect(report.rows[1]).toMatchObject({
      rejectedBy: 'local',
      errors: [{ field: 'apps', message: 'must name at least one application' }],
    });
    expect(report.rows[2]).toMatchObject({
      rejectedBy: 'local',
      reason: 'same agreement as row 1',
    });
    expect(api.received.map((r) => r.body.title)).toEqual(['Kerja sama A']);
  });

  it("reports the API's refusals with the problem's detail and field errors, as CSV columns", async () => {
    const csv = [
      'title,partner_region,apps,official_name,official_email,mou_signed_on,pks_signed_on,pks_valid_until',
      'Kerja sama invalid on the server,61.12,e-rk,Kadis,kadis@kuburaya.example.go.id,2018-12-14,2019-02-22,2024-02-21',
      'Kerja sama out of order,15.01,e-rk,Kadis,kadis@kerinci.example.go.id,,2019-02-22,',
    ].join('\n');
    const report = await importAgreements(options(readCsv(csv)));
    expect(report.rows[0]).toMatchObject({
      status: 'rejected',
      rejectedBy: 'api',
      httpStatus: 400,
      code: 'validation',
      errors: [
        { field: 'official_email', message: 'is not deliverable' },
        { field: 'pks_valid_until', message: 'is too late' },
      ],
    });
    expect(resultText(report.rows[0] as never)).toBe(
      'rejected: official_email is not deliverable; pks_valid_until is too late',
    );
    expect(report.rows[1]).toMatchObject({ status: 'rejected', httpStatus: 409 });
    expect(resultText(report.rows[1] as never)).toBe(
      'rejected: PKS_SIGNED is not accepted in stage MOU',
    );
  });

  it('retries a 503 with the same key and succeeds', async () => {
    api.unavailable.set('Kerja sama A', 2);
    const report = await importAgreements(options([body('Kerja sama A')]));
    expect(statuses(report)).toEqual(['1 created']);
    expect(api.received).toHaveLength(3);
    expect(new Set(api.received.map((r) => r.key)).size).toBe(1);
  });

  it('gives up after the attempts, as failed', async () => {
    api.unavailable.set('Kerja sama A', 10);
    const report = await importAgreements({ ...options([body('Kerja sama A')]), attempts: 2 });
    expect(report.rows[0]).toMatchObject({
      status: 'failed',
      httpStatus: 503,
      code: 'workflow-unavailable',
      reason: 'Workflow not started (after 2 attempts)',
    });
  });

  it('fails rows it cannot deliver, naming the network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const report = await importAgreements({
      ...options([body('Kerja sama A')]),
      apiUrl: `http://127.0.0.1:${port}`,
      attempts: 2,
    });
    expect(report.rows[0]?.status).toBe('failed');
    expect(report.rows[0]?.reason).toMatch(/fetch failed \(ECONNREFUSED\) \(after 2 attempts\)/);
  });

  it('stops sending when the API refuses the token', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => body(`Kerja sama ${i}`));
    const report = await importAgreements({ ...options(rows), token: 'expired', concurrency: 2 });
    expect(report.aborted).toBe(
      'the API refused the token (401: A valid bearer token is required.)',
    );
    expect(report.counts.failed).toBe(6);
    expect(report.rows.filter((r) => r.httpStatus === 401).length).toBeLessThanOrEqual(2);
    expect(report.rows.at(-1)?.reason).toMatch(/^not sent: the API refused the token/);
  });

  it('keeps at most `concurrency` requests in flight, and reports in row order', async () => {
    api.delayMs = 20;
    const rows = Array.from({ length: 9 }, (_, i) => body(`Kerja sama ${i}`));
    const progress: ImportProgress[] = [];
    const report = await importAgreements({
      ...options(rows),
      concurrency: 3,
      onProgress: (p) => progress.push(p),
    });
    expect(api.maxInFlight).toBe(3);
    expect(report.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress.at(-1)?.counts.created).toBe(9);
  });

  it('sends nothing in a dry run, and needs no token', async () => {
    const report = await importAgreements({
      rows: [body('Kerja sama A'), { title: 'B' }],
      apiUrl: api.endpoint,
      dryRun: true,
    });
    expect(statuses(report)).toEqual(['1 valid', '2 rejected']);
    expect(report.rows[0]?.idempotencyKey).toMatch(/^import-/);
    expect(api.received).toHaveLength(0);
  });

  it('reports a 201 as replayed exactly when it says Idempotent-Replayed: true', async () => {
    // Both answers carry an agreement created long ago: only the header tells them apart.
    const answer = (title: string) =>
      new Response(JSON.stringify({ id: `AGR-${title}`, createdAt: '2020-01-01T00:00:00Z' }), {
        status: 201,
        headers: {
          'content-type': 'application/json',
          date: 'Thu, 01 Jan 2026 10:00:00 GMT',
          ...(title === 'B' ? { 'idempotent-replayed': 'true' } : {}),
        },
      });
    const report = await importAgreements({
      ...options([body('Kerja sama A'), body('Kerja sama B')]),
      fetch: (_url, init) =>
        Promise.resolve(
          answer((JSON.parse(init?.body as string) as { title: string }).title.slice(-1)),
        ),
    });
    expect(report.rows).toMatchObject([
      { status: 'created', id: 'AGR-A', httpStatus: 201 },
      { status: 'replayed', id: 'AGR-B', httpStatus: 201 },
    ]);
  });
});

describe('the report', () => {
  it('draws the progress bar', () => {
    const counts = { created: 10, replayed: 0, rejected: 2, failed: 0, valid: 0 };
    expect(progressBar({ dryRun: false, done: 12, total: 40, counts }, 10)).toBe(
      '[###.......] 12/40 created 10, rejected 2',
    );
    expect(
      progressBar({ dryRun: false, done: 40, total: 40, counts: { ...counts, failed: 1 } }, 10),
    ).toBe('[##########] 40/40 created 10, rejected 2, failed 1');
  });

  it('prints a table with one line per row and a summary', () => {
    const table = reportTable({
      apiUrl: 'http://127.0.0.1:3000',
      dryRun: false,
      startedAt: '',
      finishedAt: '',
      total: 3,
      counts: { created: 1, replayed: 1, rejected: 1, failed: 0, valid: 0 },
      rows: [
        { row: 1, title: 'Kerja sama Kerinci', status: 'created', id: 'AGR1' },
        { row: 2, title: 'Kerja sama Kubu Raya', status: 'replayed', id: 'AGR2' },
        {
          row: 10,
          title: 'Kerja sama Mempawah',
          status: 'rejected',
          rejectedBy: 'local',
          errors: [{ field: 'official_email', message: 'must be a valid email address' }],
        },
      ],
    });
    expect(table).toBe(
      [
        'row  title                 result',
        '  1  Kerja sama Kerinci    created AGR1',
        '  2  Kerja sama Kubu Raya  replayed AGR2',
        ' 10  Kerja sama Mempawah   rejected: official_email must be a valid email address',
        '',
        '3 rows: created 1, rejected 1, replayed 1',
        '',
      ].join('\n'),
    );
  });
});

describe('npm run import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sepakat-import-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  function io(env: Record<string, string> = {}, tty = false) {
    const out = { stdout: '', stderr: '' };
    const cli: CliIo = {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s), isTTY: tty, columns: 80 },
      env: { INIT_CWD: dir, ...env },
    };
    return { cli, out };
  }

  async function file(name: string, content: unknown) {
    await writeFile(
      join(dir, name),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
    return name;
  }

  it('imports a JSON file: table on stdout, progress on stderr, report file, exit 0', async () => {
    const name = await file('two.json', [body('Kerja sama A'), body('Kerja sama B', '15.01')]);
    const { cli, out } = io({ SEPAKAT_API_URL: api.endpoint, SEPAKAT_TOKEN: TOKEN });
    const code = await runImport([name, '--report', 'report.json'], { io: cli });
    expect(code).toBe(0);
    expect(out.stdout).toMatch(
      /^row {2}title {9}result\n {2}1 {2}Kerja sama A {2}created AGR\d+\n/,
    );
    expect(out.stdout).toContain('2 rows: created 2, rejected 0\n');
    expect(out.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^[12]\/2 row [12]: created AGR\d+$/),
      expect.stringMatching(/^2\/2 row [12]: created AGR\d+$/),
    ]);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ImportReport;
    expect(report.counts.created).toBe(2);
    expect(report.rows.map((r) => r.title)).toEqual(['Kerja sama A', 'Kerja sama B']);
  });

  it('draws a bar on a terminal and exits 1 when a row is rejected', async () => {
    const name = await file('sample.csv', await readFile('docs/import-sample.csv', 'utf8'));
    const bad = await file(
      'bad.csv',
      (await readFile(join(dir, name), 'utf8')).replace(
        'kadiskominfo@kerinci',
        'kadiskominfo at kerinci',
      ),
    );
    const { cli, out } = io({}, true);
    const code = await runImport([bad, '--api', api.endpoint, '--token', TOKEN], { io: cli });
    expect(code).toBe(1);
    expect(out.stderr).toContain('\r[');
    expect(out.stderr).toMatch(/8\/8 created 7, rejected 1\n$/);
    expect(out.stdout).toContain('rejected: official_email must be a valid email address');
  });

  it('exits 2 on usage errors, naming the problem', async () => {
    const run = async (...argv: string[]) => {
      const { cli, out } = io({ SEPAKAT_TOKEN: TOKEN, SEPAKAT_API_URL: api.endpoint });
      return { code: await runImport(argv, { io: cli }), ...out };
    };
    expect(await run()).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Name the file'),
    });
    expect((await run('missing.csv')).stderr).toMatch(/Cannot read missing\.csv: ENOENT/);
    expect((await run('rows.txt')).stderr).toContain('name it .csv or .json');
    expect((await run(await file('x.csv', 'title,partner\n'))).stderr).toContain(
      'Unknown CSV column "partner"',
    );
    expect((await run('x.csv', '--concurrency', '0')).stderr).toContain('--concurrency must be');
    expect((await run('x.csv', '--bogus')).code).toBe(2);
    expect((await run('x.csv', '--api', 'http://sepakat.example.go.id')).stderr).toContain('https');
    expect(await run(await file('empty.json', []))).toMatchObject({ code: 2, stdout: '' });
  });

  it('exits 2 when the API is not reachable or refuses the token', async () => {
    const name = await file('one.json', [body('Kerja sama A')]);
    const down = io({ SEPAKAT_TOKEN: TOKEN });
    expect(await runImport([name, '--api', 'http://127.0.0.1:9'], { io: down.cli })).toBe(2);
    expect(down.out.stderr).toContain('The API at http://127.0.0.1:9 is not reachable');
    const refused = io();
    expect(
      await runImport([name, '--api', api.endpoint, '--token', 'nope'], { io: refused.cli }),
    ).toBe(2);
    expect(refused.out.stderr).toContain('import: stopped, the API refused the token (401');
  });

  it('signs a host development token for a loopback API when given none', async () => {
    const name = await file('one.json', [body('Kerja sama A')]);
    const keyFile = join(dir, 'dev-signing-key.json');
    const missingKey = io();
    expect(await runImport([name, '--api', api.endpoint], { io: missingKey.cli, keyFile })).toBe(2);
    expect(missingKey.out.stderr).toContain('pass --token or set SEPAKAT_TOKEN');
    expect(api.received).toHaveLength(0);

    const key = await loadOrCreateDevKey(keyFile);
    api.accept = async (token) => {
      const claims = await verifyDevToken(key, token).catch(() => undefined);
      return principalFromClaims(claims ?? {})?.role === 'HOST_COORDINATOR';
    };
    const signed = io();
    expect(await runImport([name, '--api', api.endpoint], { io: signed.cli, keyFile })).toBe(0);
    expect(signed.out.stdout).toContain('created AGR');
  });

  it('parses its arguments with the environment as defaults', () => {
    expect(parseImportArgs(['a.csv'], {})).toEqual({
      file: 'a.csv',
      format: 'csv',
      apiUrl: 'http://127.0.0.1:3000',
      dryRun: false,
      concurrency: 4,
    });
    expect(
      parseImportArgs(['rows', '--format', 'json', '--dry-run', '--report', 'r.json'], {
        SEPAKAT_API_URL: 'https://api.sepakat.example.go.id',
        SEPAKAT_TOKEN: 't',
      }),
    ).toEqual({
      file: 'rows',
      format: 'json',
      apiUrl: 'https://api.sepakat.example.go.id',
      token: 't',
      dryRun: true,
      reportFile: 'r.json',
      concurrency: 4,
    });
    expect(parseImportArgs(['--help'], {})).toBeUndefined();
  });
});
