// The lifecycle on real parts: the ASL file on the local engine behind its HTTP API, task
// functions in-process on DynamoDB Local, and emails captured by the SES stand-in.
import {
  paginateGetExecutionHistory,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { StepFunctionsWorkflow } from '../../adapters/stepfunctions/workflow-client.ts';
import { retryOnConflict } from '../../application/commit.ts';
import type { Agreement, AuditEvent } from '../../domain/agreement.ts';
import { latestIndonesianDate } from '../../domain/dates.ts';
import {
  cancelAgreement,
  createAgreement,
  recordMilestone,
  type Outcome,
} from '../../domain/lifecycle.ts';
import type { MilestoneInput } from '../../domain/schemas.ts';
import type { TaskOptions } from '../../functions/shared/environment.ts';
import { startSesLocal, type CapturedEmail, type SesLocal } from '../../local/ses-local.ts';
import { ScaledClock } from '../../local/stepfunctions/clock.ts';
import type { LocalStepFunctions } from '../../local/stepfunctions/engine.ts';
import { startLocalLifecycle } from '../../local/stepfunctions/lifecycle.ts';
import type { RunningServer } from '../../local/stepfunctions/server.ts';
import { createTestTable, type TestTable } from './dynamodb.ts';
import { kubuRayaInput } from './fixtures.ts';

/** One workflow day in this many real milliseconds. */
export const DAY_MS = 60;

export interface Harness {
  table: TestTable;
  clock: ScaledClock;
  engine: LocalStepFunctions;
  server: RunningServer;
  ses: SesLocal;
  sfn: SFNClient;
  workflow: StepFunctionsWorkflow;
  stateMachineArn: string;
  close(): Promise<void>;
}

export const OPERATIONS_EMAIL = 'operasional@sepakat.example.go.id';
/** Where the nudges' action links point (the console's page /tindak-lanjut/<token>). */
export const CONSOLE_URL = 'https://konsol.sepakat.example.go.id';

export async function startHarness(
  props: {
    origin?: Date;
    options?: Record<string, TaskOptions>;
    /** Real milliseconds per workflow day; default DAY_MS. Infinity: real time. */
    dayMs?: number;
  } = {},
): Promise<Harness> {
  const dayMs = props.dayMs ?? DAY_MS;
  const clock = new ScaledClock({
    scale: Number.isFinite(dayMs) ? 86_400_000 / dayMs : 1,
    ...(props.origin ? { origin: props.origin } : {}),
  });
  const table = await createTestTable({ now: clock.now });
  const ses = await startSesLocal();
  process.env.AWS_ENDPOINT_URL_SESV2 = ses.endpoint;
  const lifecycle = await startLocalLifecycle({
    clock,
    environment: {
      TABLE_NAME: table.tableName,
      SENDER_EMAIL: 'sepakat@bandung.example.go.id',
      OPERATIONS_EMAIL,
      CONSOLE_URL,
    },
    repository: table.repository,
    // The stand-in's captured emails stand in for SES's send events.
    defaults: { sentMessages: ses.sentMessages },
    ...(props.options ? { options: props.options } : {}),
  });
  // The API handlers of the API harness find the engine through the environment.
  process.env.AWS_ENDPOINT_URL_SFN = lifecycle.server.endpoint;
  return {
    table,
    clock,
    engine: lifecycle.engine,
    server: lifecycle.server,
    ses,
    sfn: lifecycle.sfn,
    workflow: lifecycle.workflow,
    stateMachineArn: lifecycle.stateMachineArn,
    async close() {
      await lifecycle.close();
      await ses.stop();
      table.destroy();
    },
  };
}

/** Polls until `check` returns a value, or fails with the last state seen. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  options: { timeoutMs?: number; explain?: () => Promise<string> } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      const context = options.explain ? `; ${await options.explain()}` : '';
      throw new Error(`Timed out waiting for ${what}${context}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function historyOf(h: Harness, agreementId: string): Promise<AuditEvent[]> {
  return (await h.table.repository.history(agreementId, { limit: 100 })).items;
}

/** The whole execution history, page by page, as an operator's tool would read it. */
export async function executionHistory(h: Harness, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  for await (const page of paginateGetExecutionHistory({ client: h.sfn }, { executionArn })) {
    events.push(...(page.events ?? []));
  }
  return events;
}

export async function emailsTo(h: Harness, address: string): Promise<CapturedEmail[]> {
  return (await h.ses.emails()).filter((e) =>
    [...e.destination.to, ...e.destination.cc].includes(address),
  );
}

export async function stored(h: Harness, id: string): Promise<Agreement> {
  const agreement = await h.table.repository.get(id);
  if (!agreement) throw new Error(`No agreement ${id}`);
  return agreement;
}

/** What the API does for a change: commit it, again on a concurrent write (the API's retry). */
function commit(
  h: Harness,
  id: string,
  change: (current: Agreement, now: Date) => Outcome,
): Promise<Agreement> {
  return retryOnConflict(async () => {
    const outcome = change(await stored(h, id), h.clock.now());
    if (!outcome.ok) throw new Error(`Change refused: ${outcome.rejection.message}`);
    await h.table.repository.update(outcome.agreement, outcome.events);
    return outcome.agreement;
  });
}

const COORDINATOR = { actor: 'koordinator@bandung.example.go.id' };

/** What the API does for a milestone: commit it, then wake the waits. */
export async function recordAndWake(
  h: Harness,
  id: string,
  milestone: (today: string) => MilestoneInput,
): Promise<Agreement> {
  const agreement = await commit(h, id, (current, now) =>
    recordMilestone(current, milestone(latestIndonesianDate(now)), { now, ...COORDINATOR }),
  );
  await h.workflow.wake(id);
  return agreement;
}

/** What the API does for a cancellation: commit it, then fail the waits. */
export async function cancelAndStop(h: Harness, id: string): Promise<Agreement> {
  const agreement = await commit(h, id, (current, now) =>
    cancelAgreement(current, { reason: 'Mitra membatalkan' }, { now, ...COORDINATOR }),
  );
  await h.workflow.cancel(id);
  return agreement;
}

/** Stores a new Kubu Raya agreement created at the harness's current time. */
export async function createStored(
  h: Harness,
  id: string,
  overrides: Parameters<typeof kubuRayaInput>[0] = {},
): Promise<Agreement> {
  const outcome = createAgreement(kubuRayaInput(overrides), {
    now: h.clock.now(),
    actor: 'koordinator@bandung.example.go.id',
    id,
    defaultHostRegionCode: '32.73',
  });
  if (!outcome.ok) throw new Error(`Agreement refused: ${outcome.rejection.message}`);
  await h.table.repository.create(outcome.agreement, outcome.events);
  return outcome.agreement;
}

export function waitingFor(h: Harness, id: string, route: string): Promise<AuditEvent> {
  return eventually(
    `agreement ${id} waiting for ${route}`,
    async () => (await historyOf(h, id)).find((e) => e.type === 'WAITING' && e.data.for === route),
    { explain: () => describeState(h, id) },
  );
}

/** The agreement's history and its executions' ends, for a failure message worth reading. */
export async function describeState(h: Harness, id: string): Promise<string> {
  const history = (await historyOf(h, id)).map((e) => `${e.type} ${JSON.stringify(e.data)}`);
  const executions = h.engine
    .listExecutions(h.stateMachineArn)
    .filter((e) => e.name.startsWith(id))
    .map((e) => `${e.name} ${e.status} ${e.error ?? ''} ${e.cause ?? ''}`);
  return `history:\n${history.join('\n')}\nexecutions:\n${executions.join('\n')}`;
}
