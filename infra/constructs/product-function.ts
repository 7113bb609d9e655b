/**
 * The one Lambda function shape of the product: every function of functions/handlers/registry.ts
 * is a ProductFunction, so runtime, architecture, bundling, tracing, logging and IAM are decided
 * here once. Grants turn a registry entry's `access` into least-privilege IAM (the actions of
 * infra/access-policy.ts); the stack gives each function the environment that file derives, so a
 * function gets a resource's name or ARN only together with the right to use it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Access, FunctionDefinition } from '../../functions/handlers/registry.ts';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../access-policy.ts';
import { TABLE_INDEXES } from '../table-schema.ts';
import { BUNDLE_ALIASES, BUNDLE_SETTINGS } from './bundling.ts';

/** The repository root: registry entries are relative to it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;
export const LAMBDA_ARCHITECTURE = lambda.Architecture.ARM_64;

export { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../access-policy.ts';

export interface ProductFunctionProps {
  /** The registry entry: handler module and description. */
  readonly definition: FunctionDefinition;
  /**
   * Exactly what its registry entry gives it (`functionEnvironment` of infra/access-policy.ts, which
   * the local runtime uses too): its settings and the names of the resources its access covers.
   */
  readonly environment: Record<string, string>;
  /** @default 512 MB: enough CPU on arm64 for cold starts of a bundled SDK, cheap per invocation. */
  readonly memorySize?: number;
  /** @default 30 seconds */
  readonly timeout?: Duration;
  /** How long CloudWatch keeps this function's log lines. */
  readonly logRetention: logs.RetentionDays;
  /** DESTROY in dev, RETAIN in prod: logs may be needed after a stack is torn down. */
  readonly logRemovalPolicy: RemovalPolicy;
  /** Where failed asynchronous invocations go. @default none (synchronous callers see the error) */
  readonly deadLetterQueue?: IQueue;
}

/** The resources a registry `access` can name; each grant uses only its own. */
export interface AccessTargets {
  readonly table: ITable;
  /** Known before the state machine exists (fixed name), which breaks the function/workflow cycle. */
  readonly stateMachineArn: string;
  readonly emailIdentityArn: string;
  readonly emailConfigurationSetArn: string;
  /** Configuration set, opt-out list and origination identities SendTextMessage may use. */
  readonly smsResourceArns: readonly string[];
  readonly erpSecret: ISecret;
  /** The key tracking tokens are derived from: every message and every new inquiry needs it. */
  readonly trackingSecret: ISecret;
}

export class ProductFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ProductFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${id}: ${props.definition.description}`,
    });
    super(scope, id, {
      entry: path.join(PROJECT_ROOT, props.definition.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.definition.description,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
      deadLetterQueue: props.deadLetterQueue,
      environment: props.environment,
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_SETTINGS.target,
        minify: BUNDLE_SETTINGS.minify,
        sourceMap: BUNDLE_SETTINGS.sourceMap,
        sourcesContent: BUNDLE_SETTINGS.sourcesContent,
        mainFields: [...BUNDLE_SETTINGS.mainFields],
        banner: BUNDLE_SETTINGS.banner,
        externalModules: [...BUNDLE_SETTINGS.externalModules],
        bundleAwsSDK: true,
        esbuildArgs: {
          '--alias': Object.entries(BUNDLE_ALIASES).map(
            ([module, replacement]) => `${module}=${replacement}`,
          ),
        },
        // The local esbuild devDependency bundles; CI machines have no Docker.
        forceDockerBundling: false,
      },
    });
    logGroup.grantWrite(role);
  }

  /**
   * Read: items and each named index (no `index/*`). Write: reads too, since writes here are
   * conditional read-modify-writes; writes go to the table only (indexes are maintained by DynamoDB).
   */
  bindTable(table: ITable, mode: 'read' | 'write'): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: TABLE_READ_ACTIONS,
        resources: [
          table.tableArn,
          ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.indexName}`),
        ],
      }),
    );
    if (mode === 'write')
      this.addToRolePolicy(
        new iam.PolicyStatement({ actions: TABLE_WRITE_ACTIONS, resources: [table.tableArn] }),
      );
  }

  /** The table's status only (health checks): no item can be read. */
  bindTableDescription(table: ITable): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }),
    );
  }

  /** start: StartExecution. callback: resume or fail a waiting task of this state machine. */
  bindStateMachine(stateMachineArn: string, mode: 'start' | 'callback'): void {
    const actions =
      mode === 'start'
        ? ['states:StartExecution']
        : ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
    this.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [stateMachineArn] }));
  }

  /** Describe and stop the state machine's executions (ARNs `...:execution:<machine>:<name>`). */
  bindExecutions(stateMachineArn: string): void {
    const executions = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:*`;
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [executions],
      }),
    );
  }

  /** SES sending, only from the product's identity and through its configuration set (feedback events). */
  bindEmail(identityArn: string, configurationSetArn: string): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [identityArn, configurationSetArn],
      }),
    );
  }

  bindSms(resourceArns: readonly string[]): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: [...resourceArns] }),
    );
  }

  /** A secret the handler fetches by ARN once per instance (the ERP HMAC key, the tracking key). */
  bindSecret(secret: ISecret): void {
    secret.grantRead(this);
  }

  /** Grants exactly what the registry entry's `access` lists, nothing else. */
  grantAccess(access: readonly Access[], targets: AccessTargets): void {
    for (const item of new Set(access)) {
      switch (item) {
        case 'table:read':
          if (!access.includes('table:write')) this.bindTable(targets.table, 'read');
          break;
        case 'table:write':
          this.bindTable(targets.table, 'write');
          break;
        case 'sfn:start':
          this.bindStateMachine(targets.stateMachineArn, 'start');
          break;
        case 'sfn:callback':
          this.bindStateMachine(targets.stateMachineArn, 'callback');
          break;
        case 'sfn:manage':
          this.bindExecutions(targets.stateMachineArn);
          break;
        case 'ses:send':
          this.bindEmail(targets.emailIdentityArn, targets.emailConfigurationSetArn);
          break;
        case 'sms:send':
          this.bindSms(targets.smsResourceArns);
          break;
        case 'table:describe':
          this.bindTableDescription(targets.table);
          break;
        case 'erp:secret':
          this.bindSecret(targets.erpSecret);
          break;
        case 'tracking:secret':
          this.bindSecret(targets.trackingSecret);
          break;
        default: {
          const unknown: never = item;
          throw new Error(`No grant for access ${String(unknown)}`);
        }
      }
    }
  }
}
