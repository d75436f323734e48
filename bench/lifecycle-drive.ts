// A whole agreement lifecycle on the real parts, as the cost and nudge-precision sections drive
// it: DynamoDB Local, the SES stand-in, the ASL file on the local engine with the task
// functions in-process, the API on loopback; and a coordinator who acts after the workflow
// nudged and went back to sleep. Time is scaled by the clock given.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { performance } from 'node:perf_hooks';
import { DynamoAgreementRepository } from '../adapters/dynamodb/agreement-repository.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createTableInput } from '../adapters/dynamodb/table-design.ts';
import { latestIndonesianDate } from '../domain/dates.ts';
import type { AuditEvent } from '../domain/agreement.ts';
import type { MilestoneInput } from '../domain/schemas.ts';
import type { TaskOptions } from '../functions/shared/environment.ts';
import { createDevKey, signDevToken } from '../local/api/dev-tokens.ts';
import { startLocalApi } from '../local/api/local-api.ts';
import { localClientConfig } from '../local/aws.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { HOST_COORDINATOR_EMAIL } from '../local/example-agreement.ts';
import {
  LOCAL_HOST_REGION_CODE,
  LOCAL_OPERATIONS_EMAIL,
  LOCAL_SENDER_EMAIL,
} from '../local/local-mode.ts';
import { startSesLocal, type SesLocal } from '../local/ses-local.ts';
import type { ScaledClock } from '../local/stepfunctions/clock.ts';
import { startLocalLifecycle, type RunningLifecycle } from '../local/stepfunctions/lifecycle.ts';

/** The clients the functions use, made once DynamoDB Local is up (e.g. metered ones). */
export interface FunctionClients {
  /** Per task function, by name. */
  tasks?: Record<string, TaskOptions>;
  /** For every task function, before its own. */
  taskDefaults?: TaskOptions;
  /** The API's. */
  api?: DynamoDBClient;
}

export interface LifecycleParts {
  clock: ScaledClock;
  /** The table, read through a client of the driver's own (its reads count nowhere). */
  repository: DynamoAgreementRepository;
  admin: DynamoDBClient;
  dynamoDbEndpoint: string;
  ses: SesLocal;
  lifecycle: RunningLifecycle;
  /** POSTs to the API as a host coordinator, counted under `route`; a refusal throws. */
  post(route: string, path: string, body: unknown): Promise<unknown>;
  /** API requests by route, and their total time (ms). */
  apiCalls: Record<string, number>;
  apiMs: number;
  stop(): Promise<void>;
}

export async function startLifecycleParts(options: {
  tableName: string;
  clock: ScaledClock;
  clients?: (dynamoDbEndpoint: string) => FunctionClients;
}): Promise<LifecycleParts> {
  const { tableName: TABLE_NAME, clock } = options;
  const cleanup: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    const db = await startDynamoDbLocal();
    cleanup.push(() => db.stop());
    const admin = new DynamoDBClient(localClientConfig(db.endpoint));
    cleanup.push(() => {
      admin.destroy();
    });
    await admin.send(new CreateTableCommand(createTableInput(TABLE_NAME)));
    const clients = options.clients?.(db.endpoint) ?? {};
    const repository = new DynamoAgreementRepository({
      client: createDocumentClient(admin),
      tableName: TABLE_NAME,
    });
    const ses = await startSesLocal();
    cleanup.push(() => ses.stop());
    const sesClient = new SESv2Client(localClientConfig(ses.endpoint));
    cleanup.push(() => {
      sesClient.destroy();
    });
    const lifecycle = await startLocalLifecycle({
      clock,
      environment: {
        TABLE_NAME,
        SENDER_EMAIL: LOCAL_SENDER_EMAIL,
        OPERATIONS_EMAIL: LOCAL_OPERATIONS_EMAIL,
      },
      repository,
      defaults: { ses: sesClient, ...clients.taskDefaults },
      ...(clients.tasks ? { options: clients.tasks } : {}),
    });
    cleanup.push(() => lifecycle.close());
    const key = await createDevKey();
    const api = await startLocalApi({
      key,
      environment: {
        TABLE_NAME,
        STATE_MACHINE_ARN: lifecycle.stateMachineArn,
        HOST_REGION_CODE: LOCAL_HOST_REGION_CODE,
        SENDER_EMAIL: LOCAL_SENDER_EMAIL,
        // The document routes need their bucket's name to start; a drive sends them nothing.
        DOCUMENT_BUCKET: 'sepakat-bench-documents',
      },
      options: {
        now: clock.now,
        sfn: lifecycle.sfn,
        ...(clients.api ? { dynamoDb: clients.api } : {}),
      },
    });
    cleanup.push(() => api.close());
    const token = await signDevToken(key, { role: 'host', email: HOST_COORDINATOR_EMAIL });

    const parts: LifecycleParts = {
      clock,
      repository,
      admin,
      dynamoDbEndpoint: db.endpoint,
      ses,
      lifecycle,
      apiCalls: {},
      apiMs: 0,
      stop,
      async post(route, path, body) {
        const before = performance.now();
        const response = await fetch(`${api.endpoint}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer: unknown = await response.json();
        parts.apiMs += performance.now() - before;
        parts.apiCalls[route] = (parts.apiCalls[route] ?? 0) + 1;
        if (!response.ok) {
          throw new Error(
            `POST ${path} answered ${String(response.status)}: ${JSON.stringify(answer)}`,
          );
        }
        return answer;
      },
    };
    return parts;
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The coordinator of one agreement: waits for a nudge, then for its wait to sleep again, and
 * records a milestone. Every call wakes every wait, which then plans again and goes back to
 * sleep on a new token: a milestone is recorded only once the wait it ends sleeps.
 */
export class Coordinator {
  readonly #parts: LifecycleParts;
  readonly #progress: (message: string) => void;
  agreementId = '';
  /** The workflow time of the latest API call. */
  #lastCall = '';

  /** The workflow time of the latest API call. */
  get lastCall(): string {
    return this.#lastCall;
  }

  constructor(parts: LifecycleParts, progress: (message: string) => void) {
    this.#parts = parts;
    this.#progress = progress;
  }

  async create(body: unknown): Promise<string> {
    this.#lastCall = this.#parts.clock.now().toISOString();
    ({ id: this.agreementId } = (await this.#parts.post(
      'create-agreement',
      '/agreements',
      body,
    )) as { id: string });
    return this.agreementId;
  }

  /** Until `check` holds, or a failure that shows the agreement's history and executions. */
  waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
    return until(what, check, () => this.#describe());
  }

  /** When the nudge went out (workflow time), once it has. */
  async nudged(kind: string, waitKey: string): Promise<string> {
    let at = '';
    await this.waitFor(`${kind} for ${waitKey}`, async () => {
      const sent = (await auditOf(this.#parts.repository, this.agreementId)).find(
        (e) => e.type === 'NUDGE_SENT' && e.data.kind === kind && e.data.waitKey === waitKey,
      );
      at = sent?.at ?? '';
      return sent !== undefined;
    });
    return at;
  }

  /** Until the wait sleeps on a token stored after the last call and `after`. */
  async asleepOn(waitKey: string, after = ''): Promise<void> {
    const since = after > this.#lastCall ? after : this.#lastCall;
    await this.waitFor(`${waitKey} asleep`, async () =>
      (await this.#parts.repository.taskTokens(this.agreementId)).some(
        (t) => t.waitKey === waitKey && t.storedAt >= since,
      ),
    );
    await this.#parts.lifecycle.idle();
  }

  async record(milestone: (today: string) => MilestoneInput): Promise<void> {
    const now = this.#parts.clock.now();
    this.#lastCall = now.toISOString();
    const input = milestone(latestIndonesianDate(now));
    this.#progress(`${this.#lastCall}: recording ${input.type}`);
    await this.#parts.post('record-milestone', `/agreements/${this.agreementId}/milestones`, input);
  }

  async #describe(): Promise<string> {
    const { clock, lifecycle, repository } = this.#parts;
    const audit = (await auditOf(repository, this.agreementId)).map(
      (e) => `${e.at} ${e.type} ${JSON.stringify(e.data)}`,
    );
    const executions = lifecycle.engine
      .listExecutions(lifecycle.stateMachineArn)
      .map((e) => `${e.name} ${e.status} ${e.error ?? ''} ${e.cause ?? ''}`);
    return `now ${clock.now().toISOString()}\n${[...audit, ...executions].join('\n')}`;
  }
}

/** Real time any one step may take before the drive gives up. */
const TIMEOUT_MS = 30_000;

async function until(
  what: string,
  check: () => Promise<boolean>,
  explain: () => Promise<string>,
): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; ${await explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The agreement's whole audit trail, oldest first. */
export async function auditOf(
  repository: DynamoAgreementRepository,
  id: string,
): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await repository.history(id, { limit: 100, ...(cursor ? { cursor } : {}) });
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}
