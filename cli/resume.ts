// `npm run resume`: starts a new execution of the lifecycle for agreements, named ones or every
// open one. Its first task takes the agreement over at its current stage from the stored record
// (domain/execution.ts attachWorkflow); an older execution still running ends "Superseded by a
// newer execution" when its wait next times out. That gets a stuck agreement going again, and moves running
// agreements onto a newly deployed definition (an execution keeps the one it started with).
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { parseArgs } from 'node:util';
import { executionName, StepFunctionsWorkflow } from '../adapters/stepfunctions/workflow-client.ts';
import type { Agreement, Stage } from '../domain/agreement.ts';
import { needsExecution } from '../domain/execution.ts';
import type { AgreementRepository, Workflow } from '../domain/ports.ts';
import { STAGES } from '../domain/schemas.ts';
import { repositoryFrom } from '../functions/shared/wiring/parts.ts';
import { table } from './format.ts';
import { EXIT, processIo, UsageError, usageErrorOf, type CliIo } from './shared.ts';

export const RESUME_USAGE = `Usage: npm run resume -- <agreement-id>... | --all-open
         --state-machine-arn <arn> --table-name <name> [--dry-run] [--concurrency <n>]

Starts a new execution of the lifecycle state machine for each agreement, named
<agreement-id>-<partner>-resumed-<time>. It takes the agreement over at its current stage, with
its milestones and reminder counts; an older execution still running sends nothing more and
ends "Superseded by a newer execution" at the reminder time it had planned. For a stuck agreement, and after deploying a new state
machine definition (a running execution keeps the definition it started with). Completed and
cancelled agreements are skipped.

Options:
  --all-open                 every agreement not completed or cancelled, instead of ids
  --state-machine-arn <arn>  stack output LifecycleStateMachineArn
                             (default: $SEPAKAT_STATE_MACHINE_ARN)
  --table-name <name>        stack output AgreementTableName (default: $SEPAKAT_TABLE_NAME)
  --dry-run                  say what would be started; start nothing
  --concurrency <n>          executions started at a time (default 4, at most 16)
  -h, --help                 this text

Uses the usual AWS credentials (AWS_PROFILE, ...); the AWS region is the state machine ARN's.
Exit code: 0 every agreement resumed or skipped, 1 some agreement not found or failed (the
others were still resumed), 2 usage error or state machine/table not usable.
`;

export interface ResumeCommand {
  /** The agreements named, in order, each once; empty with allOpen. */
  ids: string[];
  allOpen: boolean;
  stateMachineArn: string;
  tableName: string;
  /** The AWS region, from the state machine ARN. */
  awsRegion: string;
  dryRun: boolean;
  concurrency: number;
}

const STATE_MACHINE_ARN =
  /^arn:aws[a-z-]*:states:([a-z]{2}(?:-[a-z]+)+-\d+):\d{12}:stateMachine:[^:]+$/;

/** The command line as options; throws UsageError. Undefined for --help. */
export function parseResumeArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): ResumeCommand | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'all-open': { type: 'boolean', default: false },
        'state-machine-arn': { type: 'string' },
        'table-name': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usageErrorOf(error);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const allOpen = values['all-open'];
  if (allOpen && positionals.length > 0) {
    throw new UsageError('Name agreement ids or pass --all-open, not both.');
  }
  if (!allOpen && positionals.length === 0) {
    throw new UsageError('Name the agreements to resume, or pass --all-open.');
  }
  if (positionals.some((id) => id.trim() === '')) {
    throw new UsageError('An agreement id is empty.');
  }
  // An empty variable (an unset stack output pasted in) counts as not set.
  const stateMachineArn =
    values['state-machine-arn'] ?? (env.SEPAKAT_STATE_MACHINE_ARN || undefined);
  if (stateMachineArn === undefined) {
    throw new UsageError(
      '--state-machine-arn is required (or set SEPAKAT_STATE_MACHINE_ARN): the stack output LifecycleStateMachineArn.',
    );
  }
  const awsRegion = STATE_MACHINE_ARN.exec(stateMachineArn)?.[1];
  if (awsRegion === undefined) {
    throw new UsageError(
      `--state-machine-arn must look like arn:aws:states:ap-southeast-3:123456789012:stateMachine:<name>, not ${JSON.stringify(stateMachineArn)}.`,
    );
  }
  const tableName = values['table-name'] ?? (env.SEPAKAT_TABLE_NAME || undefined);
  if (tableName === undefined) {
    throw new UsageError(
      '--table-name is required (or set SEPAKAT_TABLE_NAME): the stack output AgreementTableName.',
    );
  }
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError('--concurrency must be a whole number from 1 to 16.');
  }
  return {
    ids: [...new Set(positionals)],
    allOpen,
    stateMachineArn,
    tableName,
    awsRegion,
    dryRun: values['dry-run'],
    concurrency,
  };
}

/**
 * resumed: a new execution was started. would resume: the same, in a dry run. skipped: completed
 * or cancelled, nothing to resume. not found: no such agreement. failed: reading it or starting
 * the execution failed.
 */
export type ResumeOutcome = 'resumed' | 'would resume' | 'skipped' | 'not found' | 'failed';

export interface ResumeResult {
  agreementId: string;
  stage?: Stage;
  outcome: ResumeOutcome;
  /** The new execution's ARN (resumed), or the name it would get (would resume). */
  execution?: string;
  /** Why it was skipped, not found or failed. */
  reason?: string;
  /** Failed on a Step Functions limit (throttled, too many open executions): run it again later. */
  retryLater?: boolean;
}

export interface ResumeOptions {
  repository: AgreementRepository;
  workflow: Pick<Workflow, 'start'>;
  /** Agreement ids, or every agreement in a stage that is not terminal. */
  target: readonly string[] | 'all-open';
  /** Read and decide only: nothing is started. */
  dryRun?: boolean;
  /** Executions started at a time; default 4. */
  concurrency?: number;
  /** Agreements per list query with 'all-open'; default 100. */
  pageSize?: number;
  /** Called as each agreement is decided, `total` being how many there are. */
  onResult?: (result: ResumeResult, done: number, total: number) => void;
}

/**
 * Every agreement in a stage that is not terminal, through the ByStage index (never a Scan).
 * The stages are listed in lifecycle order: an agreement moving on meanwhile shows up again in
 * a later stage (kept once), never in one already listed, so none is missed.
 */
export async function openAgreements(
  repository: AgreementRepository,
  pageSize = 100,
  now = new Date(),
): Promise<Agreement[]> {
  const found = new Map<string, Agreement>();
  // COMPLETED too: its workflow keeps watching the term (needsExecution).
  for (const stage of STAGES.filter((s) => s !== 'CANCELLED')) {
    let cursor: string | undefined;
    do {
      const page = await repository.list({ stage, limit: pageSize, cursor });
      for (const agreement of page.items) {
        if (!needsExecution(agreement, now)) continue;
        if (!found.has(agreement.id)) found.set(agreement.id, agreement);
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return [...found.values()];
}

// Step Functions refuses these until its quotas refill or executions end; the SDK has already
// retried throttling by then.
const LIMIT_ERRORS = new Set([
  'ExecutionLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
]);

// By shape, not instanceof: the SDK's errors and a test's fakes may come from another realm.
const fieldOf = (error: unknown, field: 'name' | 'message') => {
  const value: unknown =
    error !== null && typeof error === 'object'
      ? (error as Record<string, unknown>)[field]
      : undefined;
  return typeof value === 'string' ? value : undefined;
};
const describeError = (error: unknown) =>
  `${fieldOf(error, 'name') ?? 'Error'}: ${fieldOf(error, 'message') ?? String(error)}`;

/**
 * Resumes each agreement of the target, `concurrency` at a time; never throws for one agreement
 * (its result says what went wrong). With 'all-open', a failed listing throws before anything
 * is started. Results are in target order (all-open: stage by stage, newest first).
 */
export async function resumeAgreements(options: ResumeOptions): Promise<ResumeResult[]> {
  const { repository, workflow } = options;
  const items: { id: string; listed?: Agreement }[] =
    options.target === 'all-open'
      ? (await openAgreements(repository, options.pageSize)).map((a) => ({ id: a.id, listed: a }))
      : options.target.map((id) => ({ id }));

  async function resumeOne(id: string, listed: Agreement | undefined): Promise<ResumeResult> {
    let agreement = listed;
    try {
      // Named ones are read consistently; a listed one is as fresh as the index, which is
      // enough: the new execution reads the record itself and ends at once if it is closed.
      agreement ??= await repository.get(id);
    } catch (error) {
      return { agreementId: id, outcome: 'failed', reason: `reading it: ${describeError(error)}` };
    }
    if (!agreement) {
      return { agreementId: id, outcome: 'not found', reason: 'no such agreement in the table' };
    }
    const { stage } = agreement;
    if (!needsExecution(agreement, new Date())) {
      return {
        agreementId: id,
        stage,
        outcome: 'skipped',
        reason: `${stage.toLowerCase()}: nothing to resume`,
      };
    }
    if (options.dryRun) {
      return {
        agreementId: id,
        stage,
        outcome: 'would resume',
        execution: executionName(agreement, 'resumed-…'),
      };
    }
    try {
      const { executionArn } = await workflow.start(agreement, 'resumed');
      return { agreementId: id, stage, outcome: 'resumed', execution: executionArn };
    } catch (error) {
      const retryLater = LIMIT_ERRORS.has(fieldOf(error, 'name') ?? '');
      return {
        agreementId: id,
        stage,
        outcome: 'failed',
        reason: `starting the execution: ${describeError(error)}${retryLater ? ' (a Step Functions limit: run again later)' : ''}`,
        ...(retryLater ? { retryLater } : {}),
      };
    }
  }

  const results = new Array<ResumeResult>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (!item) continue;
      const result = await resumeOne(item.id, item.listed);
      results[index] = result;
      done += 1;
      options.onResult?.(result, done, items.length);
    }
  };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** The report: one line per agreement, then the counts. */
export function resultsTable(results: readonly ResumeResult[]): string {
  const rows = results.map((r) => [
    r.agreementId,
    r.stage ?? '-',
    r.outcome,
    r.execution ?? r.reason ?? '',
  ]);
  return table(['AGREEMENT', 'STAGE', 'OUTCOME', 'EXECUTION / REASON'], rows);
}

export function summaryLine(results: readonly ResumeResult[], dryRun: boolean): string {
  const outcomes: ResumeOutcome[] = ['resumed', 'would resume', 'skipped', 'not found', 'failed'];
  const counts = outcomes
    .map((outcome) => [outcome, results.filter((r) => r.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`);
  return `${counts.join(', ')}${dryRun ? ' (dry run: nothing was started)' : ''}.\n`;
}

/** What the command needs of AWS, made for the state machine's region. */
export interface ResumeClients {
  sfn: SFNClient;
  dynamoDb: DynamoDBClient;
}

/** Both resources answer with these credentials; otherwise a UsageError saying which does not. */
async function checkResources(command: ResumeCommand, clients: ResumeClients): Promise<void> {
  const problems = await Promise.all([
    clients.sfn
      .send(new DescribeStateMachineCommand({ stateMachineArn: command.stateMachineArn }))
      .then(
        () => undefined,
        (error: unknown) =>
          `Cannot use the state machine ${command.stateMachineArn} (${describeError(error)}): check --state-machine-arn (stack output LifecycleStateMachineArn) and the AWS credentials.`,
      ),
    clients.dynamoDb.send(new DescribeTableCommand({ TableName: command.tableName })).then(
      () => undefined,
      (error: unknown) =>
        `Cannot use the table ${command.tableName} in ${command.awsRegion} (${describeError(error)}): check --table-name (stack output AgreementTableName) and the AWS credentials.`,
    ),
  ]);
  const found = problems.filter((p) => p !== undefined);
  if (found.length > 0) throw new UsageError(found.join('\nresume: '));
}

export interface ResumeCliOptions {
  /** Passed on to resumeAgreements (tests: several pages with few agreements). */
  pageSize?: number;
}

/** `npm run resume`: returns the exit code. The clients are made for the state machine's region. */
export async function runResume(
  argv: readonly string[],
  clientsFor: (awsRegion: string) => ResumeClients,
  io: CliIo = processIo(),
  options: ResumeCliOptions = {},
): Promise<number> {
  let command: ResumeCommand | undefined;
  try {
    command = parseResumeArgs(argv, io.env);
  } catch (error) {
    io.stderr.write(`resume: ${usageErrorOf(error).message}\nRun with --help for the usage.\n`);
    return EXIT.USAGE;
  }
  if (!command) {
    io.stdout.write(RESUME_USAGE);
    return EXIT.OK;
  }
  const clients = clientsFor(command.awsRegion);
  try {
    await checkResources(command, clients);
  } catch (error) {
    io.stderr.write(`resume: ${usageErrorOf(error).message}\n`);
    return EXIT.USAGE;
  }
  const repository = repositoryFrom({ TABLE_NAME: command.tableName }, clients.dynamoDb);
  const workflow = new StepFunctionsWorkflow({
    client: clients.sfn,
    taskTokens: repository,
    stateMachineArn: command.stateMachineArn,
  });
  if (command.allOpen) io.stderr.write(`resume: listing open agreements in ${command.tableName}\n`);
  let results: ResumeResult[];
  try {
    results = await resumeAgreements({
      repository,
      workflow,
      target: command.allOpen ? 'all-open' : command.ids,
      dryRun: command.dryRun,
      concurrency: command.concurrency,
      pageSize: options.pageSize,
      onResult: (result, done, total) => {
        io.stderr.write(`resume: [${done}/${total}] ${result.agreementId} ${result.outcome}\n`);
      },
    });
  } catch (error) {
    io.stderr.write(
      `resume: listing the open agreements failed, nothing was started: ${describeError(error)}\n`,
    );
    return EXIT.FAILED;
  }
  if (results.length === 0) {
    io.stdout.write(`No open agreements in ${command.tableName}.\n`);
    return EXIT.OK;
  }
  io.stdout.write(resultsTable(results));
  io.stdout.write(summaryLine(results, command.dryRun));
  const failed = results.filter((r) => r.outcome === 'failed');
  const rerun = (ids: ResumeResult[]) =>
    `npm run resume -- ${ids.map((r) => r.agreementId).join(' ')} (same options)`;
  const limited = failed.filter((r) => r.retryLater);
  if (limited.length > 0) {
    io.stderr.write(
      `resume: ${limited.length} hit a Step Functions limit; in a few minutes, run again for them: ${rerun(limited)}\n`,
    );
  }
  const broken = failed.filter((r) => !r.retryLater);
  if (broken.length > 0) {
    io.stderr.write(
      `resume: ${broken.length} failed (see the table); once the cause is fixed, run again for them: ${rerun(broken)}\n`,
    );
  }
  return results.some((r) => r.outcome === 'failed' || r.outcome === 'not found')
    ? EXIT.FAILED
    : EXIT.OK;
}
