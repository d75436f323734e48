// The agreement lifecycle on the local engine: the real ASL file, its task resources mapped
// to the project's handlers, each with only its own environment variables.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Context } from 'aws-lambda';
import { TASK_FUNCTIONS } from '../../functions/catalog.ts';
import type { TaskOptions } from '../../functions/shared/environment.ts';
import type { ScaledClock } from './clock.ts';
import { LocalStepFunctions, type LocalFunction } from './engine.ts';

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
}

export interface LocalLifecycle {
  engine: LocalStepFunctions;
  stateMachineArn: string;
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
  const functions: Record<string, LocalFunction> = {};
  const substitutions: Record<string, string> = {};
  const engine = new LocalStepFunctions({
    functions,
    ...(props.clock ? { clock: props.clock } : {}),
  });
  for (const fn of TASK_FUNCTIONS) {
    const environment = Object.fromEntries(
      fn.environment.map((key) => [key, props.environment[key]]),
    );
    const options = { now: engine.clock.now, ...props.options?.[fn.name] };
    const handler = (await fn.load()).createHandler(environment, options);
    const arn = engine.functionArn(`sepakat-${fn.name}`);
    substitutions[fn.substitution] = arn;
    functions[arn] = (payload) => handler(payload as never, lambdaContext(fn.name, arn));
  }
  const definition = substitute(await readFile(LIFECYCLE_ASL, 'utf8'), substitutions);
  const { stateMachineArn } = engine.createStateMachine({ name: LIFECYCLE_NAME, definition });
  return { engine, stateMachineArn };
}

function lambdaContext(name: string, arn: string): Context {
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
