// The agreement lifecycle on the local engine: the real ASL file, its task resources mapped
// to the project's handlers, each with only its own environment variables.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { StepFunctionsWorkflow } from '../../adapters/stepfunctions/workflow-client.ts';
import type { AgreementRepository } from '../../domain/ports.ts';
import { TASK_FUNCTIONS } from '../../functions/workflow-tasks.ts';
import type { TaskOptions } from '../../functions/shared/environment.ts';
import { localClientConfig } from '../aws.ts';
import { freePort } from '../dynamodb-local.ts';
import type { ScaledClock } from './clock.ts';
import { LocalStepFunctions, type LocalFunction, type LocalStepFunctionsProps } from './engine.ts';
import { startStepFunctionsServer, type RunningServer } from './server.ts';

export const LIFECYCLE_ASL = new URL(
  '../../statemachines/agreement-lifecycle.asl.json',
  import.meta.url,
);
export const LIFECYCLE_NAME = 'sepakat-agreement-lifecycle';

export interface LocalLifecycleProps {
  /** Values for the functions' environment variables (TABLE_NAME, SENDER_EMAIL, ...). */
  environment: Record<string, string>;
  clock?: ScaledClock;
  /** Replacements per function name, e.g. a client that injects a fault. */
  options?: Record<string, TaskOptions>;
  /** For every function, before its own `options` (e.g. clients pointed at the stand-ins). */
  defaults?: TaskOptions;
  /** The engine's archive of ended executions and its retry floor (local mode sets them). */
  engine?: Pick<LocalStepFunctionsProps, 'archive' | 'retryWindowMs' | 'maxEndedInMemory'>;
}

/** The tags the stack puts on every resource (infra/sepakat-stack.ts), for environment local. */
export const LIFECYCLE_TAGS = [
  { key: 'app', value: 'sepakat' },
  { key: 'env', value: 'local' },
];

export interface LocalLifecycle {
  engine: LocalStepFunctions;
  stateMachineArn: string;
  /** Resolves once no task function invoked so far is still running. */
  idle(): Promise<void>;
}

/** Replaces each `${Name}` of the definition; an unknown placeholder is an error. */
export function substitute(definition: string, values: Record<string, string>): string {
  return definition.replace(/\$\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined)
      throw new Error(`No value for \${${key}} in the state machine definition`);
    return value;
  });
}

export async function createLocalLifecycle(props: LocalLifecycleProps): Promise<LocalLifecycle> {
  // Nothing here turns embedded-format metrics into CloudWatch metrics: they would only be
  // noise on stdout (a test or caller that wants them sets the variable itself).
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const functions: Record<string, LocalFunction> = {};
  const substitutions: Record<string, string> = {};
  const running = new Set<Promise<unknown>>();
  const engine = new LocalStepFunctions({
    functions,
    ...props.engine,
    ...(props.clock ? { clock: props.clock } : {}),
  });
  for (const fn of TASK_FUNCTIONS) {
    const environment = Object.fromEntries(
      fn.environment.map((key) => [key, props.environment[key]]),
    );
    const options = { now: engine.clock.now, ...props.defaults, ...props.options?.[fn.name] };
    const handler = (await fn.load()).createHandler(environment, options);
    const arn = engine.functionArn(`sepakat-${fn.name}`);
    substitutions[fn.substitution] = arn;
    functions[arn] = (payload) => {
      const invocation = handler(payload as never, lambdaContext(fn.name, arn));
      running.add(invocation);
      const done = () => running.delete(invocation);
      invocation.then(done, done);
      return invocation;
    };
  }
  const definition = substitute(await readFile(LIFECYCLE_ASL, 'utf8'), substitutions);
  const { stateMachineArn } = engine.createStateMachine({
    name: LIFECYCLE_NAME,
    definition,
    tags: LIFECYCLE_TAGS,
  });
  return {
    engine,
    stateMachineArn,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export interface RunningLifecycle extends LocalLifecycle {
  server: RunningServer;
  /** A client of the engine's HTTP API; also what the task functions use unless replaced. */
  sfn: SFNClient;
  workflow: StepFunctionsWorkflow;
  /** Stops every execution and the HTTP API, then waits for the tasks still running. */
  close(): Promise<void>;
}

/**
 * The lifecycle behind the Step Functions HTTP API on loopback (`port`, default a free one),
 * with the workflow client that the API handlers use to start and wake executions.
 */
export async function startLocalLifecycle(
  props: LocalLifecycleProps & {
    repository: AgreementRepository;
    port?: number;
    /** How long `close` waits for running tasks; default 5 s. */
    drainMs?: number;
  },
): Promise<RunningLifecycle> {
  // The task functions need the engine's address before the engine exists.
  const port = props.port || (await freePort());
  const sfn = new SFNClient(localClientConfig(`http://127.0.0.1:${String(port)}`));
  try {
    const lifecycle = await createLocalLifecycle({
      ...props,
      defaults: { sfn, ...props.defaults },
    });
    const server = await startStepFunctionsServer(lifecycle.engine, { port });
    const workflow = new StepFunctionsWorkflow({
      client: sfn,
      taskTokens: props.repository,
      stateMachineArn: lifecycle.stateMachineArn,
      now: lifecycle.engine.clock.now,
    });
    return {
      ...lifecycle,
      server,
      sfn,
      workflow,
      async close() {
        await server.close();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          lifecycle.idle(),
          new Promise((resolve) => (timer = setTimeout(resolve, props.drainMs ?? 5000))),
        ]);
        clearTimeout(timer);
        sfn.destroy();
      },
    };
  } catch (error) {
    sfn.destroy();
    throw error;
  }
}

/** The context Lambda gives a function, for an invocation in-process. */
export function lambdaContext(name: string, arn: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `sepakat-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/sepakat-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
  } as Context;
}
