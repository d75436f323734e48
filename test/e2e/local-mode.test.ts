// `npm start` as a developer meets it: local mode in a child process, one agreement driven
// over HTTP through every stage, stopped and started again halfway on the same data folder.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  type ExecutionListItem,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { devKeyFile, loadOrCreateDevKey, signDevToken } from '../../local/api/dev-tokens.ts';
import { localClientConfig } from '../../local/aws.ts';
import { readLocalMode } from '../../local/local-mode-file.ts';
import { runSepakat } from '../../cli/sepakat.ts';
import { DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort } from '../../local/dynamodb-local.ts';
import { kubuRayaInput } from '../support/fixtures.ts';

// Each test starts or stops local mode, DynamoDB Local's JVM included.
jest.setTimeout(120_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Ten workflow days a second: reminders come within seconds, the follow-up window in 12. */
const TIME_SCALE = 86_400 * 10;
const PARTNER_OFFICIAL = 'kadis@kuburaya.example.go.id';

interface Child {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

interface HistoryItem {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** What the test reads of the API's answers: an agreement, a page of history, or a problem. */
interface Answer {
  status: number;
  body: {
    id: string;
    stage: string;
    version: number;
    updatedAt: string;
    executionArn?: string;
    apps: { id: string; status: string }[];
    milestones: { type: string; occurredAt: string }[];
    items: HistoryItem[];
    nextCursor?: string;
    code?: string;
  };
}

interface Email {
  messageId: string;
  subject: string;
  destination: { to: string[] };
}

function start(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { process: child, output: () => output, exited };
}

async function stop(child: Child): Promise<number | null> {
  if (child.process.exitCode === null && child.process.signalCode === null) {
    child.process.kill('SIGTERM');
  }
  return child.exited;
}

/** What the test last saw, for a failure message worth reading. */
let explain: () => Promise<string> = () => Promise.resolve('');

/** Polls until `check` returns a value. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error instanceof Error ? error : new Error(String(error));
    }
    if (Date.now() > deadline) {
      const seen = await explain().catch((error: unknown) => String(error));
      throw new Error(
        `Timed out waiting for ${what}${last ? `: ${last.message}` : ''}${seen ? `\n${seen}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The DynamoDB Local processes of this data folder (pgrep exits 1 when there is none). */
function dynamoDbLocalOf(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('pgrep', ['-af', `DynamoDBLocal.*${dataDir}`], (error, stdout) => {
      if (error && error.code !== 1) reject(new Error(error.message));
      else resolve(stdout.trim());
    });
  });
}

describe('local mode', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let urls: { api: string; sfn: string; ses: string; ddb: string };
  let child: Child | undefined;
  let sfn: SFNClient;
  let token: string;

  async function startAndWait(): Promise<{ child: Child; ms: number }> {
    const started = Date.now();
    const running = start(env);
    child = running;
    await eventually(
      'GET /health 200',
      async () => {
        if (running.process.exitCode !== null) {
          throw new Error(
            `local mode exited (${String(running.process.exitCode)}):\n${running.output()}`,
          );
        }
        return (await fetch(`${urls.api}/health`)).status === 200;
      },
      60_000,
    );
    return { child: running, ms: Date.now() - started };
  }

  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${urls.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  let id = '';
  const agreement = async () => (await call('GET', `/agreements/${id}`)).body;

  async function history(): Promise<HistoryItem[]> {
    const items: HistoryItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(
        'GET',
        `/agreements/${id}/history?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  /** The agreement's workflow is waiting for `route`, in the execution that owns it now. */
  async function waitingFor(route: string, since = 0): Promise<void> {
    await eventually(`the workflow waiting for ${route}`, async () =>
      (await history()).slice(since).some((e) => e.type === 'WAITING' && e.data.for === route),
    );
  }

  const latestDate = (a: Answer['body']) =>
    [a.updatedAt.slice(0, 10), ...a.milestones.map((m) => m.occurredAt)].sort().at(-1);

  /**
   * Records a milestone dated on the workflow's latest write (so never in the future) or on the
   * latest milestone's date (the API judges "today" in WIT, up to 9 hours ahead of UTC).
   */
  async function milestone(body: Record<string, unknown>): Promise<Answer> {
    const answer = await call('POST', `/agreements/${id}/milestones`, {
      occurredAt: latestDate(await agreement()),
      ...body,
    });
    if (answer.status !== 202) {
      throw new Error(
        `${String(body.type)} refused (${String(answer.status)}): ${JSON.stringify(answer.body)}`,
      );
    }
    return answer;
  }

  async function emails(): Promise<Email[]> {
    const store = (await (await fetch(`${urls.ses}/store`)).json()) as { emails: Email[] };
    return store.emails;
  }

  async function executionsOfAgreement(): Promise<ExecutionListItem[]> {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines).toHaveLength(1);
    const stateMachineArn = stateMachines?.[0]?.stateMachineArn;
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    return (listed.executions ?? []).filter((e) => e.name?.startsWith(`${id}-61-12-`));
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sepakat-e2e-'));
    const [api, sfnPort, ddb, ses, s3] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    env = {
      SEPAKAT_API_PORT: String(api),
      SEPAKAT_SFN_PORT: String(sfnPort),
      SEPAKAT_DDB_PORT: String(ddb),
      SEPAKAT_SES_PORT: String(ses),
      SEPAKAT_S3_PORT: String(s3),
      SEPAKAT_DATA_DIR: dataDir,
      SEPAKAT_TIME_SCALE: String(TIME_SCALE),
    };
    urls = {
      api: `http://127.0.0.1:${String(api)}`,
      sfn: `http://127.0.0.1:${String(sfnPort)}`,
      ses: `http://127.0.0.1:${String(ses)}`,
      ddb: `http://127.0.0.1:${String(ddb)}`,
    };
    sfn = new SFNClient(localClientConfig(urls.sfn));
    explain = async () => {
      if (!id) return child?.output() ?? '';
      const events = (await history()).map((e) => `${e.at} ${e.type} ${JSON.stringify(e.data)}`);
      const sent = (await emails()).map((e) => `${e.destination.to.join(',')}: ${e.subject}`);
      return `history:\n${events.join('\n')}\nemails:\n${sent.join('\n')}\nlocal mode:\n${child?.output() ?? ''}`;
    };
  });

  afterAll(async () => {
    sfn.destroy();
    if (child) await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  });

  let before: { history: HistoryItem[]; agreement: Answer['body']; emails: Email[] };

  it('starts on an empty data folder and answers /health when every part is ready', async () => {
    const { child: running, ms } = await startAndWait();
    console.log(`local mode: cold start in ${String(ms)} ms`);
    expect(running.output()).toContain('Sepakat local mode is ready');
    expect(running.output()).toContain('none open');
    expect(running.output()).toContain(`--key-file ${devKeyFile(dataDir)}`);
    const health = await fetch(`${urls.api}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    // The SES stand-in's page, which lists the captured emails.
    const page = await fetch(`${urls.ses}/`);
    expect([page.status, page.headers.get('content-type')]).toEqual([
      200,
      expect.stringContaining('text/html'),
    ]);
    // The key local mode created in its data folder signs what its API accepts.
    token = await signDevToken(await loadOrCreateDevKey(devKeyFile(dataDir)), { role: 'host' });

    // Issue 21. local-mode.json says where every part answers: the CLI finds the API there.
    expect(readLocalMode(dataDir)?.urls).toMatchObject(urls);
    let out = '';
    const cliIo = {
      stdout: { write: (chunk: string) => (out += chunk) },
      stderr: { write: (chunk: string) => (out += chunk) },
      env: { SEPAKAT_DATA_DIR: dataDir },
    };
    expect(await runSepakat(['list', '--json'], { io: cliIo })).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ items: [] });
    // The data folder is the user's only.
    const mode = async (path: string) => (await stat(join(dataDir, path))).mode & 0o777;
    expect(await mode('.')).toBe(0o700);
    expect(await mode('dynamodb')).toBe(0o700);
    expect(await mode('local-mode.json')).toBe(0o600);
    expect(await mode('dev-signing-key.json')).toBe(0o600);
    // TTL on the table, as the template sets it.
    const dynamoDb = new DynamoDBClient(localClientConfig(urls.ddb));
    const { TimeToLiveDescription } = await dynamoDb.send(
      new DescribeTimeToLiveCommand({ TableName: 'sepakat-local' }),
    );
    dynamoDb.destroy();
    expect(TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
    // The SES stand-in's crashing request no longer takes local mode down.
    expect((await fetch(`${urls.ses}/get-emlContent?messageId=x`)).status).toBe(404);
    expect((await fetch(`${urls.api}/health`)).status).toBe(200);
    // The Step Functions port says what it is for.
    expect(await (await fetch(urls.sfn)).text()).toContain('aws stepfunctions');
  });

  it('takes an agreement through MoU, PKS and the first handover', async () => {
    const { title, partnerRegion, apps, contacts } = kubuRayaInput();
    const created = await call('POST', '/agreements', { title, partnerRegion, apps, contacts });
    expect(created).toMatchObject({ status: 201, body: { stage: 'MOU' } });
    id = created.body.id;
    await waitingFor('MOU');
    // The opening "action needed" email goes out in the partner's office hours.
    await eventually('the MoU email', async () =>
      (await emails()).some(
        (e) => e.destination.to.includes(PARTNER_OFFICIAL) && e.subject.includes('MoU'),
      ),
    );
    // Written to the data folder as it arrived (issue 21: a SIGKILL lost them).
    await eventually('the MoU email in emails.json', async () => {
      const saved = JSON.parse(await readFile(join(dataDir, 'emails.json'), 'utf8')) as Email[];
      return saved.some((e) => e.subject.includes('MoU'));
    });

    expect((await milestone({ type: 'MOU_SIGNED' })).body.stage).toBe('PKS');
    await waitingFor('PKS');
    expect((await milestone({ type: 'PKS_SIGNED' })).body.stage).toBe('HANDOVER');
    await waitingFor('HANDOVER');
    const handed = await milestone({
      type: 'APP_HANDED_OVER',
      appId: 'sabilulungan',
      bastNumber: 'BAST/001/2026',
    });
    expect(handed.body).toMatchObject({
      stage: 'HANDOVER',
      apps: [
        { id: 'sabilulungan', status: 'HANDED_OVER' },
        { id: 'e-rk', status: 'PENDING' },
      ],
    });

    const executions = await executionsOfAgreement();
    expect(executions).toEqual([
      expect.objectContaining({ name: `${id}-61-12-start`, status: 'RUNNING' }),
    ]);
    // Let the workflow settle on the remaining wait before the snapshot.
    await eventually('the remaining handover wait', async () => {
      const events = await history();
      const last = events.at(-1);
      return last?.type === 'WAITING' || last?.type === 'NUDGE_SENT';
    });
    before = { history: await history(), agreement: await agreement(), emails: await emails() };
  });

  it('stops on SIGTERM without leaving Java behind, and resumes on the same data', async () => {
    if (!child) throw new Error('not started');
    expect(await dynamoDbLocalOf(dataDir)).not.toBe('');
    const stopped = Date.now();
    expect(await stop(child)).toBe(0);
    console.log(`local mode: stopped in ${String(Date.now() - stopped)} ms`);
    expect(child.output()).toContain('Stopped.');
    expect(await dynamoDbLocalOf(dataDir)).toBe('');

    const clock = JSON.parse(await readFile(join(dataDir, 'clock.json'), 'utf8')) as {
      workflowTime: string;
    };
    const { child: running, ms } = await startAndWait();
    console.log(`local mode: warm start in ${String(ms)} ms`);
    expect(running.output()).toContain('1 open agreement resumed');
    // A workflow date more than a day from today is said, with how to reset (issue 21).
    const ahead = Date.parse(clock.workflowTime) - Date.now() > 2 * 86_400_000;
    expect([ahead, running.output().includes('Note: the workflow date here is')]).toEqual([
      ahead,
      ahead,
    ]);
    // The execution of before the restart is still there, ended, as on AWS.
    const startArn = `arn:aws:states:ap-southeast-3:000000000000:execution:sepakat-agreement-lifecycle:${id}-61-12-start`;
    const old = await sfn.send(new DescribeExecutionCommand({ executionArn: startArn }));
    expect(old.status).toBe('ABORTED');
    const oldHistory = await sfn.send(new GetExecutionHistoryCommand({ executionArn: startArn }));
    expect(oldHistory.events?.[0]?.type).toBe('ExecutionStarted');

    // The agreement, its stage and applications, its history and the emails are all there.
    const after = await agreement();
    expect(after).toMatchObject({
      stage: 'HANDOVER',
      apps: before.agreement.apps,
      milestones: before.agreement.milestones,
    });
    expect(after.version).toBeGreaterThanOrEqual(before.agreement.version);
    expect((await history()).slice(0, before.history.length)).toEqual(before.history);
    const messageIds = (await emails()).map((e) => e.messageId);
    expect(messageIds).toEqual(expect.arrayContaining(before.emails.map((e) => e.messageId)));

    // A new execution drives it, and time went on from where it stopped.
    const resumed = await eventually('a resumed execution', async () =>
      (await executionsOfAgreement()).find(
        (e) => e.name?.startsWith(`${id}-61-12-resumed-`) && e.status === 'RUNNING',
      ),
    );
    await eventually(
      'the resumed execution owning the agreement',
      async () => (await agreement()).executionArn === resumed.executionArn,
    );
    const started = (await history()).find(
      (e) => e.type === 'WORKFLOW_STARTED' && e.data.executionArn === resumed.executionArn,
    );
    expect(started?.at.localeCompare(before.agreement.updatedAt)).toBe(1);
  });

  it('goes on after the restart: handover, training and follow-up to COMPLETED', async () => {
    const resumedArn = (await agreement()).executionArn;
    const mark = (await history()).length;
    const handed = await milestone({ type: 'APP_HANDED_OVER', appId: 'e-rk' });
    expect(handed.body.stage).toBe('TRAINING');
    // The resumed execution, woken by the API, moved on to the training.
    await waitingFor('TRAINING_SCHEDULE', mark);
    expect((await agreement()).executionArn).toBe(resumedArn);

    // A training sixty days ahead: the invitation goes out in the next office hours, well
    // before. Sixty days are six real seconds, so that a slow machine's workflow still reaches
    // the training's wait before the day (two weeks were sometimes too few under load).
    const today = latestDate(await agreement()) ?? '';
    const startsOn = new Date(Date.parse(today) + 60 * 86_400_000).toISOString().slice(0, 10);
    await milestone({
      type: 'TRAINING_SCHEDULED',
      occurredAt: today,
      startsOn,
      endsOn: startsOn,
      location: 'Diskominfo Kabupaten Kubu Raya',
    });
    await eventually('the training invitation', async () =>
      (await emails()).some(
        (e) =>
          e.destination.to.includes(PARTNER_OFFICIAL) && e.subject.startsWith('Undangan bimtek'),
      ),
    );
    // Completed on its first day, once the workflow clock has reached it.
    const completed = await eventually('the training day', async () => {
      const answer = await call('POST', `/agreements/${id}/milestones`, {
        type: 'TRAINING_COMPLETED',
        occurredAt: startsOn,
        participants: 24,
      });
      if (answer.status === 400 && answer.body.code === 'DATE_IN_FUTURE') return undefined;
      return answer;
    });
    expect(completed).toMatchObject({ status: 202, body: { stage: 'FOLLOW_UP' } });
    await milestone({ type: 'FOLLOW_UP_REPORTED', appId: 'sabilulungan', live: true });
    const done = await milestone({ type: 'FOLLOW_UP_REPORTED', appId: 'e-rk', live: true });
    expect(done.body).toMatchObject({
      stage: 'COMPLETED',
      apps: [
        { id: 'sabilulungan', status: 'LIVE' },
        { id: 'e-rk', status: 'LIVE' },
      ],
    });

    // COMPLETED, the workflow watches the PKS's term (five years) until it ends: here the
    // parties end the agreement early, and the execution that owns it ends successfully.
    await milestone({ type: 'AGREEMENT_TERMINATED', reason: 'Para pihak mengakhiri kerja sama' });
    const owner = (await agreement()).executionArn;
    await eventually('the execution to succeed', async () => {
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: owner }));
      return status === 'SUCCEEDED';
    });
    expect((await executionsOfAgreement()).filter((e) => e.status === 'RUNNING')).toEqual([]);
    const types = (await history()).map((e) => e.type);
    expect(types.filter((t) => t === 'STAGE_CHANGED')).toHaveLength(5);
    expect(types).toContain('NUDGE_SENT');
  });

  it('after a crash, stops the Java left behind and starts again on the same data', async () => {
    if (!child) throw new Error('not started');
    child.process.kill('SIGKILL');
    await child.exited;
    // Killed, local mode could not stop its DynamoDB Local: the next start does.
    expect(await dynamoDbLocalOf(dataDir)).not.toBe('');
    const { child: running } = await startAndWait();
    expect(running.output()).toMatch(/Stopped DynamoDB Local \(process \d+\) left running/);
    expect(running.output()).toContain('none open');
    expect((await dynamoDbLocalOf(dataDir)).split('\n')).toHaveLength(1);
    expect(await agreement()).toMatchObject({ id, stage: 'COMPLETED' });
  });

  it('says which part is not ready, then stops cleanly', async () => {
    if (!child) throw new Error('not started');
    // DynamoDB Local dies under local mode: /health names it.
    await new Promise<void>((resolve, reject) => {
      execFile('pkill', ['-KILL', '-f', `DynamoDBLocal.*${dataDir}`], (error) => {
        if (error) reject(new Error(error.message));
        else resolve();
      });
    });
    const down = await eventually('a 503 from /health', async () => {
      const response = await fetch(`${urls.api}/health`);
      return response.status === 503 && response;
    });
    expect(down.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await down.json()) as { detail: string; parts: { name: string }[] };
    expect(problem.detail).toMatch(/^Not ready: DynamoDB Local at /);
    expect(problem.parts.map((p) => p.name)).toEqual([expect.stringMatching(/^DynamoDB Local/)]);

    expect(await stop(child)).toBe(0);
    expect(await dynamoDbLocalOf(dataDir)).toBe('');
  });
});

describe('local mode on a taken port', () => {
  let blocker: Server;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sepakat-e2e-port-'));
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exits with 1 and names the variable to set, before starting anything', async () => {
    const taken = (blocker.address() as { port: number }).port;
    const child = start({
      SEPAKAT_API_PORT: String(await freePort()),
      SEPAKAT_SFN_PORT: String(taken),
      SEPAKAT_DDB_PORT: String(await freePort()),
      SEPAKAT_SES_PORT: String(await freePort()),
      SEPAKAT_S3_PORT: String(await freePort()),
      SEPAKAT_DATA_DIR: dataDir,
    });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain(
      `Port ${String(taken)} is already in use, so the Step Functions engine cannot start: stop what uses it, or set SEPAKAT_SFN_PORT to a free port`,
    );
    expect(await dynamoDbLocalOf(dataDir)).toBe('');
  });
});
