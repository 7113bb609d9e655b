/**
 * The product's single table, built from infra/table-schema.ts (the same declaration the local
 * runtime feeds to DynamoDB Local), with the settings a table holding customers' orders needs.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, TABLE_TTL_ATTRIBUTE } from '../table-schema.ts';

export interface OrderTableProps {
  /** true outside dev: the table can be neither deleted by a stack update nor by hand. */
  readonly protect: boolean;
}

export class OrderTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: OrderTableProps) {
    super(scope, id);
    const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: key(TABLE_KEYS.partitionKey),
      sortKey: key(TABLE_KEYS.sortKey),
      // On-demand: order traffic is bursty (ERP batches, morning quote runs) and idle at night.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // A KMS key AWS manages for DynamoDB: encrypted at rest with key usage in CloudTrail, no key to run.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE_TTL_ATTRIBUTE,
      deletionProtection: props.protect,
      removalPolicy: props.protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}
