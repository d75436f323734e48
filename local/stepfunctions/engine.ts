// A local Step Functions: runs ASL with aws-local-stepfunctions and adds what that library
// leaves out: executions with names and history, real task tokens for .waitForTaskToken,
// task resources mapped to the project's handlers, and time scaling.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  ExecutionAbortedError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { ScaledClock, Timers } from './clock.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A Lambda function as the engine invokes it: the payload in, the result out. */
export type LocalFunction = (payload: Json) => Promise<unknown>;

export const EXECUTION_STATUSES = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export interface HistoryEvent {
  timestamp: number;
  type: string;
  details?: Record<string, unknown>;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount?: number;
  redriveDate?: number;
}

/** A history event as the API lists it (workflow time). */
export type HistoryItem = HistoryEvent & { id: number; previousEventId: number };

/** An execution that ended, with its history: what an archive keeps. */
export interface EndedExecution {
  record: ExecutionRecord;
  history: HistoryItem[];
}

/**
 * Where ended executions go when the engine lets them out of memory (and at close), so that
 * they outlive it, as AWS keeps them for 90 days. See local/stepfunctions/archive.ts.
 */
export interface ExecutionArchive {
  save(ended: EndedExecution): void;
  get(executionArn: string): EndedExecution | undefined;
  /** The archived executions of a state machine. */
  list(stateMachineArn: string): ExecutionRecord[];
}

interface Execution extends ExecutionRecord {
  abort: () => void;
  /**
   * Library events and the engine's own task events, in the order they happened (`seq`): the
   * engine flushes the library's pending events before it records a task's start.
   */
  events: (HistoryEvent & { seq: number })[];
  /** Whether the archive has it as it is now. */
  archived?: boolean;
}

interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  machine: StateMachine;
  prepared: StateMachineDefinition;
  overrides: LocalOverrides;
  creationDate: number;
  tags: { key: string; value: string }[];
}

interface LocalOverrides {
  taskResourceLocalHandlers: Record<string, (input: Json) => Promise<Json>>;
  retryIntervalOverrides: Record<string, number[]>;
  waitTimeOverrides: Record<string, number>;
}

interface PendingToken {
  executionArn: string;
  promise: Promise<Json>;
  resolve: (output: Json) => void;
  reject: (error: Error) => void;
}

/** An error with the code and HTTP status that the Step Functions API uses. */
export class SfnError extends Error {
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = code;
    this.status = status;
  }
}

export interface LocalStepFunctionsProps {
  region?: string;
  account?: string;
  clock?: ScaledClock;
  /** Function ARN (as the definition names it after substitution) -> local handler. */
  functions: Record<string, LocalFunction>;
  /** Keeps ended executions beyond memory (and beyond the engine). */
  archive?: ExecutionArchive;
  /** How many ended executions stay in memory; older ones go to the archive. Default 500. */
  maxEndedInMemory?: number;
  /**
   * At a time scale above 1, the real time a state's retries span at least (never more than
   * AWS's own schedule would): a database outage lasts real seconds, whatever the workflow
   * clock does. Default 0: retries wait scaled time only.
   */
  retryWindowMs?: number;
}

interface Retrier {
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
}

/**
 * The real interval that spreads a retrier's attempts over `windowMs`, or over its AWS
 * schedule (interval x backoff per attempt, capped at MaxDelaySeconds) when that is shorter.
 */
export function retryFloorMs(retrier: Retrier, windowMs: number): number {
  const attempts = retrier.MaxAttempts ?? 3;
  if (attempts < 1 || windowMs <= 0) return 0;
  let schedule = 0;
  for (let k = 0; k < attempts; k++) {
    const seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** k;
    schedule += Math.min(seconds, retrier.MaxDelaySeconds ?? Infinity) * 1000;
  }
  return Math.min(schedule, windowMs) / attempts;
}

// AWS: 1-80 characters, no whitespace, brackets, wildcards, punctuation it reserves or control characters.
// eslint-disable-next-line no-control-regex
const VALID_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;
const TIMEOUT_PARAMETER = 'sepakatLocalTimeoutSeconds';
const WAIT_FOR_TOKEN = /^arn:aws:states:::lambda:invoke\.waitForTaskToken$/;
const LAMBDA_INVOKE = /^arn:aws:states:::lambda:invoke$/;
const WAIT_RESOURCE = 'invoke.waitForTaskToken';
const TASK_OF_WAIT = { resourceType: 'lambda', resource: WAIT_RESOURCE };
/** The library's own task timer must never fire first; the engine keeps the real timeout. */
const LIBRARY_TIMEOUT_SECONDS = 2_147_483;

export class LocalStepFunctions {
  readonly region: string;
  readonly account: string;
  readonly clock: ScaledClock;
  readonly #functions: Record<string, LocalFunction>;
  readonly #machines = new Map<string, StateMachineRecord>();
  readonly #executions = new Map<string, Execution>();
  readonly #tokens = new Map<string, PendingToken>();
  readonly #timers = new Timers();
  readonly #archive: ExecutionArchive | undefined;
  readonly #maxEnded: number;
  readonly #retryWindowMs: number;
  #seq = 0;
  #closed = false;
  #archiveTimer: NodeJS.Timeout | undefined;

  constructor(props: LocalStepFunctionsProps) {
    this.region = props.region ?? 'ap-southeast-3';
    this.account = props.account ?? '000000000000';
    this.clock = props.clock ?? new ScaledClock();
    this.#functions = props.functions;
    this.#archive = props.archive;
    this.#maxEnded = props.maxEndedInMemory ?? 500;
    this.#retryWindowMs = props.retryWindowMs ?? 0;
  }

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.account}:function:${name}`;
  }

  createStateMachine(input: {
    name: string;
    definition: string;
    tags?: { key: string; value: string }[];
  }): {
    stateMachineArn: string;
    creationDate: number;
  } {
    const stateMachineArn = `arn:aws:states:${this.region}:${this.account}:stateMachine:${input.name}`;
    const existing = this.#machines.get(stateMachineArn);
    if (existing) {
      if (existing.definition !== input.definition) {
        throw new SfnError(
          'StateMachineAlreadyExists',
          `State Machine Already Exists: '${stateMachineArn}'`,
        );
      }
      return { stateMachineArn, creationDate: existing.creationDate };
    }
    let parsed: StateMachineDefinition;
    try {
      parsed = JSON.parse(input.definition) as StateMachineDefinition;
    } catch (error) {
      throw new SfnError('InvalidDefinition', `Invalid State Machine Definition: ${String(error)}`);
    }
    const { prepared, overrides } = this.#prepare(parsed);
    let machine: StateMachine;
    try {
      machine = new StateMachine(prepared, { validationOptions: { checkArn: false } });
    } catch (error) {
      throw new SfnError('InvalidDefinition', `Invalid State Machine Definition: ${String(error)}`);
    }
    const creationDate = this.clock.now().getTime();
    this.#machines.set(stateMachineArn, {
      stateMachineArn,
      name: input.name,
      definition: input.definition,
      machine,
      prepared,
      overrides,
      creationDate,
      tags: input.tags ?? [],
    });
    return { stateMachineArn, creationDate };
  }

  describeStateMachine(stateMachineArn: string): StateMachineRecord {
    return this.#machine(stateMachineArn);
  }

  /** The state machine an execution (running, ended or archived) belongs to. */
  stateMachineOf(executionArn: string): StateMachineRecord {
    const execution = this.#executions.get(executionArn) ?? this.#archived(executionArn).record;
    return this.#machine(execution.stateMachineArn);
  }

  listStateMachines(): StateMachineRecord[] {
    return [...this.#machines.values()];
  }

  startExecution(input: { stateMachineArn: string; name?: string; input?: string }): {
    executionArn: string;
    startDate: number;
  } {
    if (this.#closed) throw new SfnError('ServiceUnavailable', 'The engine is shutting down', 503);
    const record = this.#machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (!VALID_NAME.test(name)) {
      throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    }
    const rawInput = input.input ?? '{}';
    let parsedInput: Json;
    try {
      parsedInput = JSON.parse(rawInput) as Json;
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid Execution Input: not JSON');
    }
    const executionArn = `arn:aws:states:${this.region}:${this.account}:execution:${record.name}:${name}`;
    const existing = this.#executions.get(executionArn);
    if (existing) {
      // AWS: the same name and input while running returns the running execution.
      if (existing.status === 'RUNNING' && existing.input === rawInput) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    // AWS keeps a name taken while the execution is kept (90 days).
    if (this.#archive?.get(executionArn)) {
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }

    const execution: Execution = {
      executionArn,
      stateMachineArn: record.stateMachineArn,
      name,
      status: 'RUNNING',
      startDate: this.clock.now().getTime(),
      input: rawInput,
      events: [],
      abort: () => undefined,
    };
    this.#executions.set(executionArn, execution);
    this.#run(record, execution, parsedInput);
    return { executionArn, startDate: execution.startDate };
  }

  /**
   * Runs an execution that ended without success again, as RedriveExecution does. AWS resumes
   * at the state that failed; this engine runs the definition again from its start with the
   * same input (the lifecycle's first states pick the agreement up at its stage), in the same
   * execution, with an ExecutionRedriven event and redriveCount + 1.
   */
  redriveExecution(executionArn: string): { redriveDate: number } {
    if (this.#closed) throw new SfnError('ServiceUnavailable', 'The engine is shutting down', 503);
    const ended = this.#executions.get(executionArn) ?? this.#restore(executionArn);
    if (ended.status === 'RUNNING' || ended.status === 'SUCCEEDED') {
      throw new SfnError(
        'ExecutionNotRedrivable',
        `Execution '${executionArn}' is ${ended.status}: only FAILED, TIMED_OUT or ABORTED executions can be redriven`,
      );
    }
    const record = this.#machine(ended.stateMachineArn);
    const redriveDate = this.clock.now().getTime();
    const redriveCount = (ended.redriveCount ?? 0) + 1;
    Object.assign(ended, { status: 'RUNNING', redriveCount, redriveDate, archived: false });
    delete ended.stopDate;
    delete ended.output;
    delete ended.error;
    delete ended.cause;
    ended.events.push({
      timestamp: Date.now(),
      type: 'ExecutionRedriven',
      details: { redriveCount },
      seq: this.#seq++,
    });
    this.#run(record, ended, JSON.parse(ended.input) as Json);
    return { redriveDate };
  }

  #run(record: StateMachineRecord, execution: Execution, parsedInput: Json): void {
    const { executionArn, name } = execution;
    const tokens = (arn: string) => this.#mintToken(arn);
    const run = record.machine.run(parsedInput, {
      overrides: record.overrides,
      context: {
        Execution: { Id: executionArn, Name: name },
        StateMachine: { Id: record.stateMachineArn, Name: record.name },
        // $$.Task.Token: a fresh token each time a state's Parameters ask for one.
        Task: {
          get Token() {
            return tokens(executionArn);
          },
        },
      },
    });
    execution.abort = run.abort;
    void this.#collect(execution, run.eventLogs);
    run.result.then(
      (output) => {
        this.#finish(execution, 'SUCCEEDED', { output: JSON.stringify(output) });
      },
      (error: unknown) => {
        if (error instanceof ExecutionAbortedError) return;
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        const { name: code, message } = cause instanceof Error ? cause : new Error(String(cause));
        this.#finish(execution, 'FAILED', { error: code, cause: message });
      },
    );
  }

  /** An archived execution back in memory (for a redrive), its history as it was. */
  #restore(executionArn: string): Execution {
    const ended = this.#archive?.get(executionArn);
    if (!ended)
      throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    const execution: Execution = {
      ...ended.record,
      // Archived events are in workflow time; the engine's are in real time.
      events: ended.history.map(({ timestamp, type, details }) => ({
        timestamp: this.clock.toReal(timestamp),
        type,
        ...(details ? { details } : {}),
        seq: this.#seq++,
      })),
      abort: () => undefined,
    };
    this.#executions.set(executionArn, execution);
    return execution;
  }

  describeExecution(executionArn: string): ExecutionRecord {
    const kept = this.#executions.get(executionArn);
    if (!kept) return this.#archived(executionArn).record;
    const e = kept;
    return {
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      input: e.input,
      ...(e.stopDate !== undefined ? { stopDate: e.stopDate } : {}),
      ...(e.output !== undefined ? { output: e.output } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
      ...(e.redriveCount !== undefined ? { redriveCount: e.redriveCount } : {}),
      ...(e.redriveDate !== undefined ? { redriveDate: e.redriveDate } : {}),
    };
  }

  #archived(executionArn: string): EndedExecution {
    const ended = this.#archive?.get(executionArn);
    if (!ended)
      throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return ended;
  }

  listExecutions(stateMachineArn: string, statusFilter?: ExecutionStatus): ExecutionRecord[] {
    this.#machine(stateMachineArn);
    const inMemory = [...this.#executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn)
      .map((e) => this.describeExecution(e.executionArn));
    const archived = (this.#archive?.list(stateMachineArn) ?? []).filter(
      (e) => !this.#executions.has(e.executionArn),
    );
    return [...inMemory, ...archived]
      .filter((e) => !statusFilter || e.status === statusFilter)
      .sort((a, b) => b.startDate - a.startDate);
  }

  /** How many ended executions the engine holds in memory (bounded by maxEndedInMemory). */
  get endedInMemory(): number {
    return [...this.#executions.values()].filter((e) => e.status !== 'RUNNING').length;
  }

  /** Oldest first, with ids and previous ids numbered as AWS does. */
  history(executionArn: string): HistoryItem[] {
    const kept = this.#executions.get(executionArn);
    if (!kept) return this.#archived(executionArn).history;
    const events = [...kept.events].sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
    return events.map(({ timestamp, type, details }, index) => ({
      timestamp: this.clock.fromReal(timestamp),
      type,
      ...(details ? { details } : {}),
      id: index + 1,
      previousEventId: index,
    }));
  }

  stopExecution(executionArn: string, error?: string, cause?: string): { stopDate: number } {
    const kept = this.#executions.get(executionArn);
    if (!kept) {
      const { stopDate } = this.#archived(executionArn).record;
      return { stopDate: stopDate ?? this.clock.now().getTime() };
    }
    const execution = kept;
    if (execution.status === 'RUNNING') {
      execution.abort();
      this.#finish(execution, 'ABORTED', {
        ...(error ? { error } : {}),
        ...(cause ? { cause } : {}),
      });
    }
    return { stopDate: execution.stopDate ?? this.clock.now().getTime() };
  }

  sendTaskSuccess(token: string, output: string): void {
    let parsed: Json;
    try {
      parsed = JSON.parse(output) as Json;
    } catch {
      throw new SfnError('InvalidOutput', 'Invalid Output: not JSON');
    }
    this.#takeToken(token).resolve(parsed);
  }

  sendTaskFailure(token: string, error = '', cause = ''): void {
    const failure = new Error(cause);
    failure.name = error;
    this.#takeToken(token).reject(failure);
  }

  sendTaskHeartbeat(token: string): void {
    this.#pendingToken(token);
  }

  /** Stops every execution and timer: nothing is left running; the archive gets every ended one. */
  close(): void {
    this.#closed = true;
    for (const execution of this.#executions.values()) {
      if (execution.status === 'RUNNING') this.stopExecution(execution.executionArn);
    }
    this.#timers.clear();
    clearTimeout(this.#archiveTimer);
    this.#archiveEnded();
  }

  /**
   * Saves the ended executions not yet archived, then lets the oldest out of memory beyond
   * maxEndedInMemory (only archived ones, when there is an archive).
   */
  #archiveEnded(): void {
    const ended = [...this.#executions.values()].filter((e) => e.status !== 'RUNNING');
    for (const execution of ended) {
      if (!this.#archive || execution.archived) continue;
      this.#archive.save({
        record: this.describeExecution(execution.executionArn),
        history: this.history(execution.executionArn),
      });
      execution.archived = true;
    }
    ended.sort((a, b) => (a.stopDate ?? 0) - (b.stopDate ?? 0));
    for (const execution of ended.slice(0, Math.max(0, ended.length - this.#maxEnded))) {
      if (!this.#archive || execution.archived) this.#executions.delete(execution.executionArn);
    }
  }

  #machine(stateMachineArn: string): StateMachineRecord {
    const record = this.#machines.get(stateMachineArn);
    if (!record)
      throw new SfnError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    return record;
  }

  #execution(executionArn: string): Execution {
    const execution = this.#executions.get(executionArn);
    if (!execution)
      throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  #mintToken(executionArn: string): string {
    const token = randomBytes(96).toString('base64url');
    let resolve!: (output: Json) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<Json>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A token nobody waits on must not turn its rejection into an unhandled one.
    promise.catch(() => undefined);
    this.#tokens.set(token, { executionArn, promise, resolve, reject });
    return token;
  }

  #pendingToken(token: string): PendingToken {
    const pending = this.#tokens.get(token);
    if (pending && this.#executions.get(pending.executionArn)?.status === 'RUNNING') return pending;
    // AWS answers an unknown token and one whose task is over the same way.
    throw new SfnError(
      pending ? 'TaskTimedOut' : 'InvalidToken',
      'Task Timed Out or token invalid',
    );
  }

  #takeToken(token: string): PendingToken {
    const pending = this.#pendingToken(token);
    this.#tokens.delete(token);
    return pending;
  }

  /** An engine event; none once the execution is over (tasks it leaves behind just end). */
  #record(execution: Execution, type: string, details: Record<string, unknown>): void {
    if (execution.status !== 'RUNNING') return;
    execution.events.push({ timestamp: Date.now(), type, details, seq: this.#seq++ });
  }

  async #collect(execution: Execution, logs: AsyncGenerator<{ type: string; timestamp: number }>) {
    // MapStateStarted's length: the iterations counted as they start.
    const mapStarts: Record<string, unknown>[] = [];
    const push = (timestamp: number, type: string, details: Record<string, unknown>) => {
      execution.events.push({ timestamp, type, details, seq: this.#seq++ });
    };
    for await (const event of logs) {
      const { type, timestamp, ...rest } = event as { type: string; timestamp: number } & Record<
        string,
        unknown
      >;
      const state = rest.state as { name: string; type: string } | undefined;
      const details = detailsOf(rest);
      const awsType = historyTypeOf(type, state?.type);
      // The engine records the abort itself, with the error and cause StopExecution gave.
      if (type === 'ExecutionAborted' || awsType === undefined) continue;
      const container = state?.type === 'Map' || state?.type === 'Parallel' ? state.type : '';
      if (container && type === 'StateExited') push(timestamp, `${container}StateSucceeded`, {});
      if (type === 'MapIterationStarted') {
        const started = mapStarts.at(-1);
        if (started) started.length = Number(started.length) + 1;
      }
      push(timestamp, awsType, details);
      if (container && type === 'StateEntered') {
        const started: Record<string, unknown> = container === 'Map' ? { length: 0 } : {};
        if (container === 'Map') mapStarts.push(started);
        push(timestamp, `${container}StateStarted`, started);
      }
      if (state?.type === 'Map' && (type === 'StateExited' || type === 'StateFailed')) {
        mapStarts.pop();
      }
    }
  }

  #finish(
    execution: Execution,
    status: ExecutionStatus,
    result: { output?: string; error?: string; cause?: string },
  ): void {
    if (execution.status !== 'RUNNING') return;
    if (status === 'ABORTED') this.#record(execution, 'ExecutionAborted', result);
    Object.assign(execution, { status, stopDate: this.clock.now().getTime() }, result);
    // A moment later: the library's last events (ExecutionSucceeded) arrive after its result.
    this.#archiveTimer ??= setTimeout(() => {
      this.#archiveTimer = undefined;
      this.#archiveEnded();
    }, 200);
    this.#archiveTimer.unref();
    for (const [token, pending] of this.#tokens) {
      if (pending.executionArn !== execution.executionArn) continue;
      this.#tokens.delete(token);
      pending.reject(new Error('Execution ended'));
    }
  }

  /**
   * Rewrites the definition for local running: Task resources become local handlers, token
   * waits get the engine's scaled timeout, retry intervals and Wait seconds scale with time.
   */
  #prepare(definition: StateMachineDefinition): {
    prepared: StateMachineDefinition;
    overrides: LocalOverrides;
  } {
    // Not structuredClone: under jest its objects come from another realm, and the library
    // then no longer sees nested Parameters as plain objects.
    const prepared = JSON.parse(JSON.stringify(definition)) as StateMachineDefinition;
    const overrides: LocalOverrides = {
      taskResourceLocalHandlers: {},
      retryIntervalOverrides: {},
      waitTimeOverrides: {},
    };
    const visit = (states: Record<string, JsonObject>) => {
      for (const [name, state] of Object.entries(states)) {
        const retry = state.Retry as Retrier[] | undefined;
        if (retry && this.clock.scale !== 1) {
          overrides.retryIntervalOverrides[name] = retry.map((r) =>
            Math.max(
              this.clock.realDelay((r.IntervalSeconds ?? 1) * 1000),
              retryFloorMs(r, this.#retryWindowMs),
            ),
          );
        }
        if (state.Type === 'Wait' && typeof state.Seconds === 'number' && this.clock.scale !== 1) {
          overrides.waitTimeOverrides[name] = this.clock.realDelay(state.Seconds * 1000);
        }
        if (state.Type === 'Task') {
          overrides.taskResourceLocalHandlers[name] = this.#taskHandler(name, state);
        }
        const processor = (state.ItemProcessor ?? state.Iterator) as JsonObject | undefined;
        if (processor) visit(processor.States as Record<string, JsonObject>);
        for (const branch of (state.Branches as JsonObject[] | undefined) ?? []) {
          visit(branch.States as Record<string, JsonObject>);
        }
      }
    };
    visit(prepared.States as unknown as Record<string, JsonObject>);
    return { prepared, overrides };
  }

  #taskHandler(stateName: string, state: JsonObject): (input: Json) => Promise<Json> {
    const resource = typeof state.Resource === 'string' ? state.Resource : '';
    if (!WAIT_FOR_TOKEN.test(resource)) {
      const invoke = LAMBDA_INVOKE.test(resource);
      return async (input) => {
        const functionArn = invoke ? stringOf((input as JsonObject).FunctionName) : resource;
        const payload = invoke ? ((input as JsonObject).Payload ?? null) : input;
        const how = invoke ? { resource: 'invoke', parameters: input } : undefined;
        const result = (await this.#invoke(stateName, functionArn, payload, how)) as Json;
        return invoke ? { Payload: result, StatusCode: 200 } : result;
      };
    }
    // The wait's timeout moves into Parameters, where it is read against the same input as
    // AWS reads TimeoutSecondsPath; the engine then times it in scaled time.
    const timeoutPath = state.TimeoutSecondsPath;
    const timeoutSeconds = state.TimeoutSeconds;
    delete state.TimeoutSecondsPath;
    state.TimeoutSeconds = LIBRARY_TIMEOUT_SECONDS;
    const parameters = (state.Parameters ?? {}) as JsonObject;
    if (typeof timeoutPath === 'string') parameters[`${TIMEOUT_PARAMETER}.$`] = timeoutPath;
    else if (typeof timeoutSeconds === 'number') parameters[TIMEOUT_PARAMETER] = timeoutSeconds;
    state.Parameters = parameters;

    return async (input) => {
      const { [TIMEOUT_PARAMETER]: seconds, FunctionName, Payload } = input as JsonObject;
      const token = findToken(Payload ?? null, this.#tokens);
      if (!token)
        throw runtimeError(`${stateName}: .waitForTaskToken without $$.Task.Token in Payload`);
      const pending = this.#pendingToken(token);
      const execution = this.#execution(pending.executionArn);
      let cancelTimer: () => void = () => undefined;
      const timedOut = new Promise<never>((_, reject) => {
        if (typeof seconds !== 'number') return;
        cancelTimer = this.#timers.after(this.clock.realDelay(seconds * 1000), () => {
          this.#tokens.delete(token);
          const error = new Error('The task timed out');
          error.name = 'States.Timeout';
          reject(error);
        });
      });
      try {
        // As in AWS, the timeout runs from when the task is scheduled, the invocation included.
        const parameters = { FunctionName: FunctionName ?? null, Payload: Payload ?? null };
        await Promise.race([
          this.#invoke(stateName, stringOf(FunctionName), Payload ?? null, {
            resource: WAIT_RESOURCE,
            parameters,
          }),
          timedOut,
        ]);
        this.#record(execution, 'TaskSubmitted', TASK_OF_WAIT);
        const output = await Promise.race([pending.promise, timedOut]);
        this.#record(execution, 'TaskSucceeded', {
          ...TASK_OF_WAIT,
          output: JSON.stringify(output),
        });
        return output;
      } catch (error) {
        const { name, message } = error as Error;
        this.#record(execution, name === 'States.Timeout' ? 'TaskTimedOut' : 'TaskFailed', {
          ...TASK_OF_WAIT,
          error: name,
          cause: message,
        });
        throw error;
      } finally {
        cancelTimer();
      }
    };
  }

  /**
   * Runs a function with the history events AWS writes: LambdaFunction* for a Task whose
   * Resource is the function's ARN, Task* for the lambda:invoke integrations (`how`).
   */
  async #invoke(
    stateName: string,
    functionArn: string,
    payload: Json,
    how?: { resource: string; parameters: Json },
  ): Promise<unknown> {
    const handler = this.#functions[functionArn];
    if (!handler) throw runtimeError(`${stateName}: no local function for ${functionArn}`);
    const token = findToken(payload, this.#tokens);
    const execution = token
      ? this.#executions.get(this.#tokens.get(token)?.executionArn ?? '')
      : this.#executionOf(payload);
    const record = (type: string, details: Record<string, unknown>) => {
      if (execution) this.#record(execution, type, details);
    };
    // The library hands its events (this state's TaskStateEntered) over asynchronously; let
    // them arrive first so that history order is the order things happened.
    await new Promise((resolve) => setImmediate(resolve));
    if (execution && execution.status !== 'RUNNING')
      throw runtimeError(`${stateName}: execution over`);
    const task = how ? { resourceType: 'lambda', resource: how.resource } : undefined;
    if (task && how) {
      record('TaskScheduled', {
        ...task,
        region: this.region,
        parameters: JSON.stringify(how.parameters),
      });
      record('TaskStarted', task);
    } else {
      record('LambdaFunctionScheduled', {
        resource: functionArn,
        input: JSON.stringify(payload),
      });
      record('LambdaFunctionStarted', {});
    }
    try {
      const result = await handler(payload);
      const output = JSON.stringify(result ?? null);
      if (!task) record('LambdaFunctionSucceeded', { output });
      // A token wait succeeds when its token comes back, not when the function returns.
      else if (!token) record('TaskSucceeded', { ...task, output });
      return result;
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      record(task ? 'TaskFailed' : 'LambdaFunctionFailed', {
        ...task,
        error: name,
        cause: message,
      });
      throw error;
    }
  }

  /** The execution a Lambda payload belongs to, by the ARN the ASL passes to every task. */
  #executionOf(payload: Json): Execution | undefined {
    const arn =
      payload && typeof payload === 'object' && !Array.isArray(payload)
        ? payload.executionArn
        : undefined;
    return typeof arn === 'string' ? this.#executions.get(arn) : undefined;
  }
}

function findToken(value: Json, tokens: Map<string, PendingToken>): string | undefined {
  if (typeof value === 'string') return tokens.has(value) ? value : undefined;
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) {
      const found = findToken(item, tokens);
      if (found) return found;
    }
  }
  return undefined;
}

function stringOf(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** As on AWS (and the library's own States.Runtime): no Retry or Catch takes it, not even States.ALL. */
function runtimeError(message: string): Error {
  const error = new Error(message);
  error.name = 'States.Runtime';
  return Object.assign(error, { isRetryable: false, isCatchable: false });
}

/**
 * The library's event as the type AWS writes (HistoryEventType), or undefined for one AWS has
 * no event for: retries and catches (the next events show them), a Task's or a Fail state's
 * failure or exit (TaskFailed/LambdaFunctionFailed and ExecutionFailed say it), Parallel
 * branches (ParallelStateStarted/Succeeded frame them).
 */
function historyTypeOf(type: string, stateType: string | undefined): string | undefined {
  switch (type) {
    case 'ExecutionTimeout':
      return 'ExecutionTimedOut';
    case 'StateRetried':
    case 'StateCaught':
    case 'ParallelBranchStarted':
    case 'ParallelBranchSucceeded':
    case 'ParallelBranchFailed':
      return undefined;
    case 'StateFailed':
      return stateType === 'Map' || stateType === 'Parallel'
        ? `${stateType}StateFailed`
        : undefined;
    case 'StateExited':
      return stateType === 'Fail' ? undefined : `${stateType ?? ''}StateExited`;
    case 'StateEntered':
      return `${stateType ?? ''}StateEntered`;
    default:
      return type;
  }
}

function detailsOf(rest: Record<string, unknown>): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  const state = rest.state as { name?: string; input?: unknown; output?: unknown } | undefined;
  if (state?.name) details.name = state.name;
  if (state && 'input' in state) details.input = JSON.stringify(state.input ?? null);
  if (state && 'output' in state) details.output = JSON.stringify(state.output ?? null);
  // A Map iteration's index is a number in AWS's history.
  if (typeof rest.index === 'number') details.index = rest.index;
  for (const key of ['Error', 'Cause', 'input', 'output'] as const) {
    if (key in rest)
      details[key.toLowerCase()] =
        typeof rest[key] === 'string' ? rest[key] : JSON.stringify(rest[key]);
  }
  return details;
}
