// One complete agreement lifecycle on the real parts, measured for the cost model: the API
// handlers on loopback (what coordinators call), the ASL file on the local engine, the task
// functions in-process on DynamoDB Local, emails into the SES stand-in. Time is scaled.
import { GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { paginateGetExecutionHistory, type HistoryEvent } from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { performance } from 'node:perf_hooks';
import { keys } from '../adapters/dynamodb/table-design.ts';
import type { Agreement } from '../domain/agreement.ts';
import { addDays, latestIndonesianDate } from '../domain/dates.ts';
import type { MilestoneInput } from '../domain/schemas.ts';
import { isWaitRoute, routeOf, waitKey, waitKeysOf } from '../domain/routes.ts';
import { planWaitWithTerm } from '../domain/term-plan.ts';
import { TASK_FUNCTIONS } from '../functions/workflow-tasks.ts';
import { KUBU_RAYA_AGREEMENT } from '../local/example-agreement.ts';
import { ScaledClock } from '../local/stepfunctions/clock.ts';
import { CapacityMeter, type CapacityTally } from './cost-meter.ts';
import { auditOf, Coordinator, startLifecycleParts } from './lifecycle-drive.ts';

/**
 * Real milliseconds per workflow day. A task takes tens of milliseconds here, more on a busy
 * machine: at this pace people still act days before the next reminder is due.
 */
const DAY_MS = 500;
/** A Monday, 08:00 in Kubu Raya (UTC+7): nudges wait for office hours on working days. */
const ORIGIN = new Date('2025-07-07T01:00:00Z');
const TABLE_NAME = 'sepakat-bench-cost';
const APPS = ['sabilulungan', 'e-rk'];
/** PKS: the opening message, reminders after 7 and 14 days, the escalation after 21. */
const PKS_POLICY = { firstAfterDays: 7, everyDays: 7, escalateAfter: 2 };
const TRAINING_IN_DAYS = 7;
/** The nudges this drive is meant to produce; a run on a machine too busy may differ. */
const INTENDED_NUDGES: Record<string, number> = {
  ACTION_NEEDED: 5,
  REMINDER: 2,
  ESCALATION: 1,
  TRAINING_INVITATION: 1,
  TRAINING_UPCOMING: 1,
};
/** The function that a token wait invokes, and what the API's wake-up call hands the wait. */
const TOKEN_TASK = 'await-milestone';
const WOKEN = JSON.stringify({ woken: true });

export interface NudgeRecord {
  kind: string;
  waitKey: string;
}

export interface LifecycleMeasurement {
  agreementId: string;
  origin: string;
  completedAt: string;
  dayMs: number;
  realSeconds: number;
  pksPolicy: typeof PKS_POLICY;
  /** The nudges the drive is meant to produce, by kind. */
  intendedNudges: Record<string, number>;
  executions: number;
  /** `*StateEntered` events of all the agreement's executions, by state type. */
  statesEntered: Record<string, number>;
  /** Lambda tasks scheduled (TaskScheduled or LambdaFunctionScheduled), by function. */
  taskInvocations: Record<string, number>;
  /** Mean in-process run time of a task invocation that is not a token wait (real ms). */
  taskMeanMs: number | undefined;
  /** API requests by route, and the mean round trip of one through the local adapter. */
  apiCalls: Record<string, number>;
  apiMeanMs: number;
  /** DynamoDB capacity by component: a task function's name, or `api`. */
  capacity: Record<string, CapacityTally>;
  nudges: NudgeRecord[];
  emails: { messages: number; recipients: number; attachmentBytes: number };
  /** Size of the agreement item (DynamoDB's item size rules) after each API call and at the end. */
  itemBytes: number[];
  /** The table's write units (indexes aside) that DynamoDB Local charged to write the final item again. */
  itemWriteUnits: number;
  /** In-process time to unmarshal and plan one agreement, as a daily scan would (µs). */
  evaluationMicros: number;
}

export async function measureLifecycle(
  progress: (message: string) => void,
): Promise<LifecycleMeasurement> {
  const started = performance.now();
  const clock = new ScaledClock({ scale: 86_400_000 / DAY_MS, origin: ORIGIN });
  let meter: CapacityMeter | undefined;
  // The driver's own reads (polling, sizes) go through the parts' unmetered client.
  const parts = await startLifecycleParts({
    tableName: TABLE_NAME,
    clock,
    clients: (endpoint) => {
      meter = new CapacityMeter(endpoint);
      const metered = meter;
      return {
        tasks: Object.fromEntries(
          TASK_FUNCTIONS.map((fn) => [fn.name, { dynamoDb: metered.client(fn.name) }]),
        ),
        api: metered.client('api'),
      };
    },
  });
  try {
    const { admin, repository, lifecycle, ses } = parts;
    const coordinator = new Coordinator(parts, progress);

    const itemBytes: number[] = [];
    const snapshots: Record<string, AttributeValue>[] = [];
    const sample = async (id: string) => {
      const { Item } = await admin.send(
        new GetItemCommand({ TableName: TABLE_NAME, Key: marshallKey(keys.agreement(id)) }),
      );
      if (!Item) throw new Error(`No agreement item ${id}`);
      itemBytes.push(itemSize(Item));
      snapshots.push(Item);
    };

    progress('creating the agreement through the API');
    const id = await coordinator.create({
      ...KUBU_RAYA_AGREEMENT,
      apps: APPS.map((appId) => ({ id: appId })),
      reminderPolicy: { PKS: PKS_POLICY },
    });
    await sample(id);
    const asleepOn = (wait: string, after?: string) => coordinator.asleepOn(wait, after);
    const nudged = (kind: string, wait: string) => coordinator.nudged(kind, wait);
    const record = async (milestone: (today: string) => MilestoneInput) => {
      await coordinator.record(milestone);
      await sample(id);
    };
    const waitFor = (what: string, check: () => Promise<boolean>) =>
      coordinator.waitFor(what, check);

    // People act after each stage's opening message, before any reminder is due.
    await asleepOn('MOU', await nudged('ACTION_NEEDED', 'MOU'));
    await record((today) => ({ type: 'MOU_SIGNED', occurredAt: today }));
    progress('waiting for the PKS reminders and escalation');
    await asleepOn('PKS', await nudged('ESCALATION', 'PKS'));
    await record((today) => ({ type: 'PKS_SIGNED', occurredAt: today }));
    for (const appId of APPS) {
      const key = waitKey('HANDOVER', appId);
      await asleepOn(key, await nudged('ACTION_NEEDED', key));
      await record((today) => ({ type: 'APP_HANDED_OVER', occurredAt: today, appId }));
    }
    await asleepOn('TRAINING_SCHEDULE', await nudged('ACTION_NEEDED', 'TRAINING_SCHEDULE'));
    let endsOn = '';
    await record((today) => {
      const startsOn = addDays(today, TRAINING_IN_DAYS);
      endsOn = addDays(startsOn, 1);
      return { type: 'TRAINING_SCHEDULED', occurredAt: today, startsOn, endsOn };
    });
    progress('waiting for the training');
    // After the invitation and the reminder two days before (or, if late, the first day).
    await asleepOn('TRAINING_COMPLETION');
    await waitFor('the training is over', () =>
      Promise.resolve(latestIndonesianDate(clock.now()) > endsOn),
    );
    await record((today) => ({ type: 'TRAINING_COMPLETED', occurredAt: today }));
    for (const appId of APPS) {
      await asleepOn('FOLLOW_UP');
      await record((today) => ({
        type: 'FOLLOW_UP_REPORTED',
        occurredAt: today,
        appId,
        live: true,
      }));
    }
    await waitFor(
      'the lifecycle completed',
      async () => (await repository.get(id))?.stage === 'COMPLETED',
    );
    // A completed agreement whose term still runs keeps its execution, asleep until the term's
    // notices (domain/term.ts): the lifecycle is over when that wait sleeps, or the execution ended.
    await waitFor('its execution ended or asleep until its term notices', async () => {
      const running = lifecycle.engine
        .listExecutions(lifecycle.stateMachineArn)
        .some((e) => e.name.startsWith(id) && e.status === 'RUNNING');
      return (
        !running ||
        (await repository.taskTokens(id)).some(
          (t) => t.waitKey === 'TERM' && t.storedAt >= coordinator.lastCall,
        )
      );
    });
    await lifecycle.idle();
    const completedAt = clock.now().toISOString();
    await sample(id);

    progress('reading the execution history');
    const executions = lifecycle.engine
      .listExecutions(lifecycle.stateMachineArn)
      .filter((e) => e.name.startsWith(id));
    const history: HistoryEvent[] = [];
    for (const execution of executions) {
      for await (const page of paginateGetExecutionHistory(
        { client: lifecycle.sfn },
        { executionArn: execution.executionArn },
      )) {
        history.push(...(page.events ?? []));
      }
    }
    const audit = await auditOf(repository, id);
    const emails = (await ses.emails()).filter((e) =>
      [e.subject, e.body.text ?? '', e.body.html ?? ''].some((part) => part.includes(id)),
    );
    const final = snapshots.at(-1);
    if (!final) throw new Error('No agreement sampled');
    const { ConsumedCapacity } = await admin.send(
      new PutItemCommand({
        TableName: TABLE_NAME,
        Item: { ...final, PK: { S: 'PROBE' } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );

    return {
      agreementId: id,
      origin: ORIGIN.toISOString(),
      completedAt,
      dayMs: DAY_MS,
      pksPolicy: PKS_POLICY,
      intendedNudges: INTENDED_NUDGES,
      realSeconds: (performance.now() - started) / 1000,
      executions: executions.length,
      statesEntered: countBy(
        history.filter((e) => e.type?.endsWith('StateEntered')),
        (e) => e.type ?? '',
      ),
      taskInvocations: countBy(lambdaTasks(history), (e) => functionName(e)),
      taskMeanMs: meanTaskMs(history, clock.scale),
      apiCalls: parts.apiCalls,
      apiMeanMs: parts.apiMs / Object.values(parts.apiCalls).reduce((a, b) => a + b, 0),
      capacity: Object.fromEntries(meter?.tallies() ?? []),
      nudges: audit
        .filter((e) => e.type === 'NUDGE_SENT')
        .map((e) => ({ kind: String(e.data.kind), waitKey: String(e.data.waitKey) })),
      emails: {
        messages: emails.length,
        recipients: emails.reduce(
          (sum, e) =>
            sum + e.destination.to.length + e.destination.cc.length + e.destination.bcc.length,
          0,
        ),
        attachmentBytes: emails.reduce(
          (sum, e) => sum + e.attachments.reduce((s, a) => s + a.size, 0),
          0,
        ),
      },
      itemBytes,
      itemWriteUnits: ConsumedCapacity?.Table?.CapacityUnits ?? 0,
      evaluationMicros: evaluationMicros(snapshots, clock.now()),
    };
  } finally {
    await parts.stop();
    meter?.destroy();
  }
}

function marshallKey(key: Record<string, string>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }]));
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

/** Lambda tasks as AWS records them: direct ARNs and lambda:invoke(.waitForTaskToken) alike. */
function lambdaTasks(history: readonly HistoryEvent[]): HistoryEvent[] {
  return history.filter(
    (e) =>
      e.type === 'LambdaFunctionScheduled' ||
      (e.type === 'TaskScheduled' && e.taskScheduledEventDetails?.resourceType === 'lambda'),
  );
}

function functionName(event: HistoryEvent): string {
  const arn =
    event.lambdaFunctionScheduledEventDetails?.resource ??
    event.taskScheduledEventDetails?.resource ??
    '';
  return arn.split(':function:')[1]?.replace(/^sepakat-/, '') ?? arn;
}

/**
 * Mean run time of the invocations that are not token waits: each runs from its TaskStarted
 * (recorded right after its TaskScheduled) to its TaskSucceeded or TaskFailed. The wait that
 * a token task starts ends with the waker's output, `{"woken":true}`, and is left out. Branches
 * of a Map interleave, but the sum of the ends minus the sum of the starts is the total run
 * time whatever the pairing.
 */
function meanTaskMs(history: readonly HistoryEvent[], scale: number): number | undefined {
  const at = (e: HistoryEvent) => (e.timestamp?.getTime() ?? 0) / scale;
  const starts = history.filter((e, i) => {
    const scheduled = history[i - 1];
    return (
      e.type === 'TaskStarted' &&
      scheduled?.type === 'TaskScheduled' &&
      !scheduled.taskScheduledEventDetails?.resource?.endsWith(`:function:sepakat-${TOKEN_TASK}`)
    );
  });
  const ends = history.filter(
    (e) =>
      (e.type === 'TaskSucceeded' && e.taskSucceededEventDetails?.output !== WOKEN) ||
      e.type === 'TaskFailed',
  );
  if (starts.length === 0 || ends.length !== starts.length) return undefined;
  const total = ends.reduce((s, e) => s + at(e), 0) - starts.reduce((s, e) => s + at(e), 0);
  return total / starts.length;
}

/** DynamoDB's item size: attribute names and values in UTF-8, numbers and containers as documented. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + utf8(name) + valueSize(value),
    0,
  );
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((s, v) => s + utf8(v), 0);
  if (value.NS) return value.NS.reduce((s, v) => s + numberSize(v), 0);
  if (value.L) return 3 + value.L.reduce((s, v) => s + 1 + valueSize(v), 0);
  if (value.M) {
    return 3 + Object.entries(value.M).reduce((s, [k, v]) => s + 1 + utf8(k) + valueSize(v), 0);
  }
  return 0;
}

function numberSize(n: string): number {
  const digits = n.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1 + (n.startsWith('-') ? 1 : 0);
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** What a daily scan does with each item: unmarshal it and decide whether a nudge is due. */
function evaluationMicros(snapshots: readonly Record<string, AttributeValue>[], now: Date): number {
  const rounds = 2000;
  const begin = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const item of snapshots) {
      const agreement = unmarshall(item) as Agreement;
      const route = routeOf(agreement, now);
      if (!isWaitRoute(route)) continue;
      planWaitWithTerm(agreement, waitKeysOf(agreement, route)[0] ?? route, now);
    }
  }
  return ((performance.now() - begin) * 1000) / (rounds * snapshots.length);
}
