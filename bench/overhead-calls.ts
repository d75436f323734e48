// The AWS calls an API handler makes, recorded from its own clients and sent again raw: the
// floor of the overhead section. A middleware on each client notes every call's command, its
// input as the service receives it (the document client's marshalling done) and when it ran,
// so calls the handler made in parallel are replayed in parallel.
import * as dynamoDb from '@aws-sdk/client-dynamodb';
import * as sfn from '@aws-sdk/client-sfn';
import { performance } from 'node:perf_hooks';

type Client = dynamoDb.DynamoDBClient | sfn.SFNClient;

export interface RecordedCall {
  service: 'dynamodb' | 'sfn';
  /** The low-level command, e.g. GetItemCommand. */
  command: string;
  input: Record<string, unknown>;
  start: number;
  end: number;
  /** The error's name when the call failed (a replay must fail the same way). */
  error?: string;
}

/** Commands by service, to build a recorded call again. */
const COMMANDS = { dynamodb: dynamoDb, sfn } as unknown as Record<
  RecordedCall['service'],
  Record<string, new (input: Record<string, unknown>) => Parameters<Client['send']>[0]>
>;

/** Records the calls of the clients it instruments while `record` runs. */
export class CallRecorder {
  #calls: RecordedCall[] | undefined;

  instrument(client: Client, service: RecordedCall['service']): void {
    // At the build step the input is what the service gets: after the document client's marshalling.
    (client.middlewareStack as dynamoDb.DynamoDBClient['middlewareStack']).add(
      (next, context) => async (args) => {
        const calls = this.#calls;
        if (!calls) return next(args);
        const call: RecordedCall = {
          service,
          command: context.commandName ?? 'unknown',
          input: structuredClone(args.input as Record<string, unknown>),
          start: performance.now(),
          end: 0,
        };
        calls.push(call);
        try {
          return await next(args);
        } catch (error) {
          call.error = (error as Error).name;
          throw error;
        } finally {
          call.end = performance.now();
        }
      },
      { step: 'build', name: 'benchCallRecorder' },
    );
  }

  async record<T>(run: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[] }> {
    const calls: RecordedCall[] = [];
    this.#calls = calls;
    try {
      return { result: await run(), calls };
    } finally {
      this.#calls = undefined;
    }
  }
}

/** Calls that overlapped when the handler made them, in the order they started. */
export function batchesOf(calls: readonly RecordedCall[]): RecordedCall[][] {
  const batches: RecordedCall[][] = [];
  let end = -Infinity;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    const current = batches.at(-1);
    if (current && call.start < end) current.push(call);
    else batches.push([call]);
    end = Math.max(current && call.start < end ? end : -Infinity, call.end);
  }
  return batches;
}

/** What one replay sends: the commands built beforehand, so that the timing holds only the calls. */
export interface Replay {
  batches: { command: Parameters<Client['send']>[0]; service: RecordedCall['service'] }[][];
  /** The error each call must end with, if any, in the same order. */
  errors: (string | undefined)[][];
}

/**
 * The recorded calls as one replay, with `from` replaced by `to` in every input (a write needs
 * a target of its own each time: a new agreement, or another seeded in the same state).
 */
export function replayOf(
  batches: readonly RecordedCall[][],
  substitution?: { from: string; to: string },
): Replay {
  const inputOf = (call: RecordedCall) =>
    substitution
      ? (JSON.parse(
          JSON.stringify(call.input).replaceAll(substitution.from, substitution.to),
        ) as Record<string, unknown>)
      : call.input;
  return {
    batches: batches.map((batch) =>
      batch.map((call) => {
        const Command = COMMANDS[call.service][call.command];
        if (!Command) throw new Error(`No command ${call.command} in the ${call.service} client`);
        return { command: new Command(inputOf(call)), service: call.service };
      }),
    ),
    errors: batches.map((batch) => batch.map((call) => call.error)),
  };
}

/** Sends a replay; resolves to the calls that did not end as recorded (0 when all did). */
export async function sendReplay(
  replay: Replay,
  clients: { dynamodb: dynamoDb.DynamoDBClient; sfn: sfn.SFNClient },
): Promise<number> {
  let mismatches = 0;
  for (const [index, batch] of replay.batches.entries()) {
    const expected = replay.errors[index] ?? [];
    await Promise.all(
      batch.map(async ({ command, service }, i) => {
        const client = clients[service] as { send(c: unknown): Promise<unknown> };
        const error = await client.send(command).then(
          () => undefined,
          (failure: unknown) => (failure as Error).name,
        );
        if (error !== expected[i]) mismatches += 1;
      }),
    );
  }
  return mismatches;
}

/** "GetItem, Query ×2": the calls of one invocation, for the Markdown. */
export function describeCalls(calls: readonly RecordedCall[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const name = call.command.replace(/Command$/, '') + (call.error ? ` (${call.error})` : '');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => (count > 1 ? `${name} ×${String(count)}` : name))
    .join(', ');
}
