// DynamoDB Local serializes transactions, so it never cancels one for a transaction in flight
// (reason TransactionConflict) as DynamoDB does. This is the one fault injected here: the
// client throws it, then passes the same request on to DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { recordMilestone } from '../../domain/lifecycle.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';
import { ctx, mouSigned, newAgreement } from '../support/fixtures.ts';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => {
  table.destroy();
});

const inFlight = () =>
  new TransactionCanceledException({
    message:
      'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
    $metadata: {},
    CancellationReasons: [
      { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' },
    ],
  });

/** Makes the next `times` transactions fail as if another one were in flight. */
function conflictNextTransactions(times: number) {
  const send = table.client.send.bind(table.client);
  let left = times;
  const faulty = (command: unknown) => {
    if (command instanceof TransactWriteCommand && left > 0) {
      left -= 1;
      return Promise.reject(inFlight());
    }
    return send(command as TransactWriteCommand);
  };
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- send also has a callback overload returning void; only the promise form is used
  return jest.spyOn(table.client, 'send').mockImplementation(faulty as typeof table.client.send);
}

describe('a transaction cancelled because another one was in flight', () => {
  it('is retried, and the change is stored once', async () => {
    const agreement = newAgreement({}, 'agr-conflict-1');
    await table.repository.create(agreement, []);
    const change = recordMilestone(agreement, mouSigned, ctx);
    if (!change.ok) throw new Error(change.rejection.message);

    const spy = conflictNextTransactions(2);
    try {
      await table.repository.update(change.agreement, change.events);
      expect(spy.mock.calls.filter(([c]) => c instanceof TransactWriteCommand)).toHaveLength(3);
    } finally {
      spy.mockRestore();
    }
    expect(await table.repository.get('agr-conflict-1')).toMatchObject({
      stage: 'PKS',
      version: 2,
    });
    const history = await table.repository.history('agr-conflict-1', { limit: 10 });
    expect(history.items.map((e) => e.type)).toEqual(['MILESTONE_RECORDED', 'STAGE_CHANGED']);
  });

  it('surfaces as an error when the conflict does not clear', async () => {
    const spy = conflictNextTransactions(100);
    try {
      await expect(
        table.repository.create(newAgreement({}, 'agr-conflict-2'), []),
      ).rejects.toBeInstanceOf(TransactionCanceledException);
    } finally {
      spy.mockRestore();
    }
    expect(await table.repository.get('agr-conflict-2')).toBeUndefined();
  });
});
