import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
  type ITable,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  INDEXES,
  PARTITION_KEY,
  SORT_KEY,
  TTL_ATTRIBUTE,
} from '../../adapters/dynamodb/table-design.ts';

export interface AgreementTableProps {
  /** Retain the table and protect it from deletion. */
  readonly production: boolean;
}

/**
 * The single table holding agreements, their audit history, task tokens and idempotency records.
 * A plain (single-region) table: TableV2 would synthesize an AWS::DynamoDB::GlobalTable, which
 * this app does not need and which the AwsSolutions checks do not inspect.
 */
export class AgreementTable extends Construct {
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: AgreementTableProps) {
    super(scope, id);
    const string = (name: string) => ({ name, type: AttributeType.STRING });
    const table = new Table(this, 'Table', {
      partitionKey: string(PARTITION_KEY),
      sortKey: string(SORT_KEY),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of Object.values(INDEXES)) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        ...('include' in index
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
          : {}),
      });
    }
    this.table = table;
  }
}
