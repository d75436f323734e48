// The monthly digests sent, one item per month and recipient (DIGEST#<month>, RECIPIENT#<key>):
// a conditional put is the claim, so that a retried or doubled run never sends twice. Items
// expire after a year and a month (TTL), so the ledger does not grow without bound.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DigestLedger } from '../../domain/ports.ts';
import { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from './table-design.ts';

const KEEP_SECONDS = 400 * 86_400;

const keyOf = (month: string, recipientKey: string) => ({
  [PARTITION_KEY]: `DIGEST#${month}`,
  [SORT_KEY]: `RECIPIENT#${recipientKey}`,
});

export class DynamoDigestLedger implements DigestLedger {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async claimDigest(month: string, recipientKey: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keyOf(month, recipientKey),
            entity: 'DigestSent',
            claimedAt: at,
            [TTL_ATTRIBUTE]: Math.floor(Date.parse(at) / 1000) + KEEP_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseDigest(month: string, recipientKey: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: keyOf(month, recipientKey) }),
    );
  }
}
