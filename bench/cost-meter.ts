// Counts the DynamoDB capacity that each component of the lifecycle consumes: every request
// of a metered client asks DynamoDB Local for its consumed capacity (table and indexes), as
// DynamoDB reports it on AWS, and the meter adds it up per component.
import { DynamoDBClient, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../local/aws.ts';

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WRITES = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);
/** A write refused by its condition: AWS still bills it, but reports no capacity for it. */
const REFUSED = new Set(['ConditionalCheckFailedException', 'TransactionCanceledException']);

export interface CapacityTally {
  readRequests: number;
  writeRequests: number;
  /** Read request units (an eventually consistent 4 KB read is 0.5). */
  readUnits: number;
  /** Write request units, the indexes' writes included. */
  writeUnits: number;
  /** Of `writeUnits`, those the global secondary indexes consumed. */
  indexWriteUnits: number;
  transactions: number;
  refusedWrites: number;
}

export function emptyTally(): CapacityTally {
  return {
    readRequests: 0,
    writeRequests: 0,
    readUnits: 0,
    writeUnits: 0,
    indexWriteUnits: 0,
    transactions: 0,
    refusedWrites: 0,
  };
}

export function addTallies(tallies: readonly CapacityTally[]): CapacityTally {
  const sum = emptyTally();
  for (const tally of tallies) {
    for (const key of Object.keys(sum) as (keyof CapacityTally)[]) sum[key] += tally[key];
  }
  return sum;
}

export class CapacityMeter {
  readonly #endpoint: string;
  readonly #tallies = new Map<string, CapacityTally>();
  readonly #clients: DynamoDBClient[] = [];

  constructor(endpoint: string) {
    this.#endpoint = endpoint;
  }

  /** A client whose requests count towards `component`. */
  client(component: string): DynamoDBClient {
    const client = new DynamoDBClient(localClientConfig(this.#endpoint));
    const tally = this.#tally(component);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName).replace(/Command$/, '');
        const input = args.input as { ReturnConsumedCapacity?: string };
        input.ReturnConsumedCapacity = 'INDEXES';
        const isWrite = WRITES.has(operation);
        if (isWrite) tally.writeRequests++;
        else if (READS.has(operation)) tally.readRequests++;
        if (operation.startsWith('Transact')) tally.transactions++;
        try {
          const result = await next(args);
          const output = result.output as {
            ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
          };
          const consumed = [output.ConsumedCapacity ?? []].flat();
          for (const capacity of consumed) {
            const units = capacity.CapacityUnits ?? 0;
            if (isWrite) {
              tally.writeUnits += units;
              tally.indexWriteUnits += Object.values(capacity.GlobalSecondaryIndexes ?? {}).reduce(
                (sum, index) => sum + (index.CapacityUnits ?? 0),
                0,
              );
            } else {
              tally.readUnits += units;
            }
          }
          return result;
        } catch (error) {
          if (isWrite && REFUSED.has((error as Error).name)) tally.refusedWrites++;
          throw error;
        }
      },
      { step: 'initialize', name: 'benchCapacityMeter' },
    );
    this.#clients.push(client);
    return client;
  }

  tallies(): Map<string, CapacityTally> {
    return new Map([...this.#tallies].map(([component, tally]) => [component, { ...tally }]));
  }

  destroy(): void {
    for (const client of this.#clients) client.destroy();
  }

  #tally(component: string): CapacityTally {
    let tally = this.#tallies.get(component);
    if (!tally) {
      tally = emptyTally();
      this.#tallies.set(component, tally);
    }
    return tally;
  }
}
