/**
 * Code and wiring, rebuilt on every deployment: one function per entry of
 * functions/handlers/registry.ts, the order workflow from workflows/order-fulfillment.asl.json, the
 * HTTP API from functions/handlers/api/routes.ts, the event sources, alarms and a dashboard.
 * Nothing here is listed twice: adding a function or a route to those two files adds it here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  ArnFormat,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ROUTES, routeKey, type ApiFunctionName } from '../../functions/handlers/api/routes.ts';
import { CALLBACK_PATH, signedOutPath } from '../../functions/shared/auth/managed-login.ts';
import { LOCALES } from '../../functions/web/i18n.ts';
import {
  ALL_FUNCTIONS,
  API_FUNCTIONS,
  EVENT_FUNCTIONS,
  STEP_FUNCTIONS,
  type FunctionDefinition,
} from '../../functions/handlers/registry.ts';
import { functionEnvironment } from '../access-policy.ts';
import { PROJECT_ROOT, ProductFunction, type AccessTargets } from '../constructs/product-function.ts';
import type { Settings } from './settings.ts';
import type { StatefulStack } from './stateful-stack.ts';

export const WORKFLOW_FILE = path.join(PROJECT_ROOT, 'workflows/order-fulfillment.asl.json');

/** The ASL placeholder of a step function, e.g. `ComputeQuoteFunctionArn`. */
export const placeholderFor = (functionName: string): string => `${functionName}FunctionArn`;

/** Origination identities SendTextMessage may use when no smsOriginationIdentityArn is set. */
const SMS_WILDCARD_RESOURCES = ['phone-number', 'pool', 'sender-id'];

/** Invoked asynchronously (SNS, EventBridge): failures after Lambda's retries land in the DLQ. */
const ASYNC_FUNCTIONS: ReadonlySet<string> = new Set(Object.keys(EVENT_FUNCTIONS));

/** Memory and timeout by kind: API calls must answer well inside API Gateway's 30 s limit. */
function sizeFor(name: string): { memorySize: number; timeout: Duration } {
  if (name in API_FUNCTIONS) return { memorySize: 512, timeout: Duration.seconds(10) };
  if (name === 'NotificationSweeper' || name === 'SupplyChanged')
    return { memorySize: 512, timeout: Duration.minutes(2) };
  return { memorySize: 512, timeout: Duration.seconds(30) };
}

export interface StatelessStackProps extends StackProps {
  readonly settings: Settings;
  readonly stateful: StatefulStack;
  /** Functions to build; registry entries whose module does not exist yet are skipped and reported. */
  readonly functions?: Record<string, FunctionDefinition>;
}

export class StatelessStack extends Stack {
  readonly functions: Record<string, ProductFunction> = {};
  /** Registry entries whose handler module is missing: synth works, but they are not deployed. */
  readonly missingEntries: string[] = [];
  readonly stateMachine: sfn.StateMachine;
  readonly api: apigwv2.HttpApi;
  /** The console's public origin: `consoleUrl`, or this API's own URL. */
  readonly consoleUrl: string;
  /** The app client the console signs in with through Cognito's managed login. */
  readonly consoleClient: cognito.UserPoolClient;
  readonly operatorTopic: sns.Topic;
  readonly asyncFailures: sqs.Queue;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { settings, stateful } = props;
    const prefix = `promise-keeper-${settings.stage}`;
    const removalPolicy = settings.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = settings.logRetentionDays as logs.RetentionDays;

    // Fixed name, so functions can be given the ARN before the state machine (which needs theirs) exists.
    const stateMachineName = `${prefix}-order-fulfillment`;
    const stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `${prefix}-api`,
      description: 'promise-keeper: sales, ERP and customer tracking routes',
      createDefaultStage: false,
    });

    this.consoleUrl = settings.consoleUrl || this.api.apiEndpoint;
    this.consoleClient = this.buildConsoleClient(stateful, prefix);

    this.operatorTopic = new sns.Topic(this, 'Operators', {
      displayName: 'promise-keeper alarms',
      masterKey: stateful.topicKey,
      enforceSSL: true,
    });
    if (settings.operatorEmail)
      this.operatorTopic.addSubscription(new subscriptions.EmailSubscription(settings.operatorEmail));

    this.asyncFailures = new sqs.Queue(this, 'AsyncFailures', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.asyncFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the event functions.',
    });

    const smsResourceArns = [stateful.smsConfigurationSet.attrArn, stateful.smsOptOutList.attrArn];
    if (settings.smsOriginationIdentityArn) smsResourceArns.push(settings.smsOriginationIdentityArn);
    else
      smsResourceArns.push(
        ...SMS_WILDCARD_RESOURCES.map((resource) =>
          this.formatArn({ service: 'sms-voice', resource, resourceName: '*' }),
        ),
      );
    const accessTargets: AccessTargets = {
      table: stateful.table,
      stateMachineArn,
      emailIdentityArn: stateful.emailIdentityArn,
      emailConfigurationSetArn: stateful.emailConfigurationSetArn,
      smsResourceArns,
      erpSecret: stateful.erpSecret,
      trackingSecret: stateful.trackingSecret,
    };
    const issuer = stateful.userPool.userPoolProviderUrl;
    // Every value the deployment has; each function receives only what its entry names (access-policy.ts).
    const available: Record<string, string> = {
      TABLE_NAME: stateful.table.tableName,
      STATE_MACHINE_ARN: stateMachineArn,
      ERP_SECRET_ARN: stateful.erpSecret.secretArn,
      TRACKING_SECRET_ARN: stateful.trackingSecret.secretArn,
      // Stack traces point at the TypeScript sources through the bundled source map.
      NODE_OPTIONS: '--enable-source-maps',
      SENDER_EMAIL: settings.senderAddress,
      PUBLIC_BASE_URL: settings.publicBaseUrl || this.api.apiEndpoint,
      JWT_ISSUER: issuer,
      // Tokens of either app client: scripts (SRP) and the console's managed login.
      JWT_AUDIENCE: `${stateful.salesClient.userPoolClientId},${this.consoleClient.userPoolClientId}`,
      COGNITO_DOMAIN: stateful.loginDomainUrl,
      COGNITO_CLIENT_ID: this.consoleClient.userPoolClientId,
      CONSOLE_URL: this.consoleUrl,
      JWT_JWKS_URL: `${issuer}/.well-known/jwks.json`,
      QUOTE_VALIDITY_SECONDS: String(settings.quoteValiditySeconds),
      SALES_ESCALATION_SECONDS: String(settings.salesConfirmationEscalationSeconds),
      ORDER_VALUE_CONFIRMATION_THRESHOLD: String(settings.orderValueConfirmationThreshold),
      SES_CONFIGURATION_SET: stateful.emailConfigurationSet.configurationSetName,
      SMS_CONFIGURATION_SET: stateful.smsConfigurationSet.ref,
      ...(settings.smsOriginationIdentityArn
        ? { SMS_ORIGINATION_IDENTITY: settings.smsOriginationIdentityArn }
        : {}),
      ...(settings.salesManagerEmail ? { SALES_MANAGER_EMAIL: settings.salesManagerEmail } : {}),
      // The operators who get the alarms also hear of each order that needs attention.
      ...(settings.operatorEmail ? { OPERATIONS_EMAIL: settings.operatorEmail } : {}),
      ...(settings.erpWebhookUrl ? { ERP_WEBHOOK_URL: settings.erpWebhookUrl } : {}),
    };

    for (const [name, definition] of Object.entries(props.functions ?? ALL_FUNCTIONS)) {
      if (!existsSync(path.join(PROJECT_ROOT, definition.entry))) {
        this.missingEntries.push(name);
        continue;
      }
      const fn = new ProductFunction(this, name, {
        definition,
        environment: functionEnvironment(definition, {
          ...available,
          POWERTOOLS_SERVICE_NAME: `promise-keeper-${name}`,
        }),
        ...sizeFor(name),
        logRetention,
        logRemovalPolicy: removalPolicy,
        ...(ASYNC_FUNCTIONS.has(name) ? { deadLetterQueue: this.asyncFailures } : {}),
      });
      fn.grantAccess(definition.access, accessTargets);
      this.functions[name] = fn;
    }

    this.stateMachine = this.buildStateMachine(stateMachineName, logRetention, removalPolicy);
    this.buildRoutes(stateful, settings, logRetention, removalPolicy);
    this.wireEvents(stateful);
    this.buildAlarms();
    this.suppressServiceWildcards(stateMachineName);

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.consoleUrl}/console` });
    new CfnOutput(this, 'ConsoleClientId', { value: this.consoleClient.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
  }

  /**
   * The console's app client for managed login: authorization code only (the console always sends a
   * PKCE S256 challenge), no secret, so nothing but the code's verifier guards the exchange; callback
   * and sign-out URLs under the console's URL. It lives here, not beside the user pool, because its
   * default URL is this API's, and the stateful stack cannot refer to this one (that would be a cycle).
   */
  private buildConsoleClient(stateful: StatefulStack, prefix: string): cognito.UserPoolClient {
    return new cognito.UserPoolClient(this, 'ConsoleClient', {
      userPool: stateful.userPool,
      userPoolClientName: `${prefix}-console`,
      generateSecret: false,
      // Passwords are typed only into Cognito's own pages.
      authFlows: {
        user: false,
        userSrp: false,
        userPassword: false,
        adminUserPassword: false,
        custom: false,
      },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID],
        callbackUrls: [`${this.consoleUrl}${CALLBACK_PATH}`],
        // Sign-out comes back to the page in the language it was left in, so each is registered.
        logoutUrls: [signedOutPath(), ...LOCALES.map((locale) => signedOutPath(locale))].map(
          (path) => `${this.consoleUrl}${path}`,
        ),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // The session is the access token (one hour); no refresh token is kept.
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(1),
    });
  }

  private buildStateMachine(name: string, retention: logs.RetentionDays, removalPolicy: RemovalPolicy) {
    if (!existsSync(WORKFLOW_FILE)) throw new Error(`The workflow file ${WORKFLOW_FILE} is missing`);
    const definitionSubstitutions: Record<string, string> = {};
    for (const stepName of Object.keys(STEP_FUNCTIONS)) {
      const fn = this.functions[stepName];
      if (fn) definitionSubstitutions[placeholderFor(stepName)] = fn.functionArn;
    }
    const logGroup = new logs.LogGroup(this, 'WorkflowLogs', {
      // The /aws/vendedlogs/ prefix keeps CloudWatch's resource policy for log delivery small.
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention,
      removalPolicy,
    });
    const stateMachine = new sfn.StateMachine(this, 'OrderFulfillment', {
      stateMachineName: name,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(WORKFLOW_FILE),
      definitionSubstitutions,
      tracingEnabled: true,
      // Every state's events, but not their input and output: those carry customers' contacts.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    // A definition loaded from a file is opaque to CDK: each invoked function is granted explicitly,
    // unqualified only (the ASL names no versions or aliases), so the grant has no `:*`.
    stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: Object.values(definitionSubstitutions),
      }),
    );
    return stateMachine;
  }

  private buildRoutes(
    stateful: StatefulStack,
    settings: Settings,
    retention: logs.RetentionDays,
    removalPolicy: RemovalPolicy,
  ) {
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention, removalPolicy });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // The route key, never the path: customers' paths carry their tracking token.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            routeKey: AccessLogField.contextRouteKey(),
            status: AccessLogField.contextStatus(),
            responseLatency: AccessLogField.contextResponseLatency(),
            integrationStatus: AccessLogField.contextIntegrationStatus(),
            integrationError: AccessLogField.contextIntegrationErrorMessage(),
          }),
        ),
      },
    });
    const salesAuthorizer = new HttpJwtAuthorizer('SalesJwt', stateful.userPool.userPoolProviderUrl, {
      authorizerName: 'sales-jwt',
      jwtAudience: [stateful.salesClient.userPoolClientId, this.consoleClient.userPoolClientId],
    });
    const integrations = new Map<ApiFunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      const fn = this.functions[route.function];
      if (!fn) continue;
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.function}Integration`, fn);
        integrations.set(route.function, integration);
      }
      // Only sales tokens are checked by API Gateway. Public routes need no check; ERP (HMAC
      // signature), salesOrErp (either) and customer (tracking token) requests are authenticated in
      // the handler, identically locally and in the cloud, since a gateway authorizer cannot
      // express "JWT or HMAC" nor read the raw body the HMAC covers.
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration,
        authorizer: route.audience === 'sales' ? salesAuthorizer : new apigwv2.HttpNoneAuthorizer(),
      });
      if (created && route.audience !== 'sales') {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKey(route)} (${route.audience}) is authenticated in its handler, not by API Gateway; see functions/handlers/api/routes.ts.`,
        });
      }
    }
  }

  private wireEvents(stateful: StatefulStack) {
    const { EmailEvents, SmsEvents, NotificationSweeper, SupplyChanged } = this.functions;
    if (EmailEvents)
      stateful.emailEventsTopic.addSubscription(new subscriptions.LambdaSubscription(EmailEvents));
    if (SmsEvents) stateful.smsEventsTopic.addSubscription(new subscriptions.LambdaSubscription(SmsEvents));
    if (NotificationSweeper) {
      // Quiet hours end on the hour or half hour; five minutes late is within the promise of "morning".
      new events.Rule(this, 'SweepNotifications', {
        description: 'Sends held and unsent notifications',
        schedule: events.Schedule.rate(Duration.minutes(5)),
        targets: [new targets.LambdaFunction(NotificationSweeper, { retryAttempts: 2 })],
      });
    }
    const { StrandedInquiries } = this.functions;
    if (StrandedInquiries) {
      // Only a crash between storing an inquiry and starting its workflow leaves work here.
      new events.Rule(this, 'StartStrandedInquiries', {
        description: 'Starts the workflow of inquiries a crash left without one',
        schedule: events.Schedule.rate(Duration.minutes(5)),
        targets: [new targets.LambdaFunction(StrandedInquiries, { retryAttempts: 2 })],
      });
    }
    if (SupplyChanged) {
      // The ERP routes re-promise inline; bulk imports (a nightly MRP run) publish one event per batch instead.
      new events.Rule(this, 'SupplyChangedEvents', {
        description: 'Re-promises open orders after a bulk supply change',
        eventPattern: { source: ['promise-keeper.erp'], detailType: ['SupplyChanged'] },
        targets: [
          new targets.LambdaFunction(SupplyChanged, {
            event: events.RuleTargetInput.fromEventPath('$.detail'),
            retryAttempts: 2,
          }),
        ],
      });
    }
  }

  private buildAlarms() {
    const action = new cwActions.SnsAction(this.operatorTopic);
    const alarm = (id: string, metric: cloudwatch.IMetric, description: string, threshold = 1) => {
      const created = new cloudwatch.Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      return created;
    };
    const period = Duration.minutes(5);
    for (const [name, fn] of Object.entries(this.functions))
      alarm(`${name}Errors`, fn.metricErrors({ period }), `${name} threw errors`);
    alarm(
      'WorkflowFailures',
      new cloudwatch.MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: this.stateMachine.metricFailed({ period }),
          timedOut: this.stateMachine.metricTimedOut({ period }),
          aborted: this.stateMachine.metricAborted({ period }),
        },
        label: 'Executions failed, timed out or aborted',
        period,
      }),
      'An order workflow failed, timed out or was aborted',
    );
    alarm('Api5xx', this.api.metricServerError({ period }), 'The API answered with 5xx', 5);
    alarm(
      'AsyncFailuresWaiting',
      this.asyncFailures.metricApproximateNumberOfMessagesVisible({ period }),
      'An event function gave up on an event (dead-letter queue)',
    );

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${this.stackName}-overview`,
    });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [
          this.api.metricCount({ period }),
          this.api.metricClientError({ period }),
          this.api.metricServerError({ period }),
        ],
        right: [this.api.metricLatency({ period, statistic: 'p99' })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Order workflows',
        left: [
          this.stateMachine.metricStarted({ period }),
          this.stateMachine.metricSucceeded({ period }),
          this.stateMachine.metricFailed({ period }),
          this.stateMachine.metricTimedOut({ period }),
        ],
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        left: Object.entries(this.functions).map(([name, fn]) => fn.metricErrors({ period, label: name })),
      }),
      new cloudwatch.GraphWidget({
        title: 'Function duration p99',
        left: Object.entries(this.functions).map(([name, fn]) =>
          fn.metricDuration({ period, statistic: 'p99', label: name }),
        ),
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queue',
        left: [this.asyncFailures.metricApproximateNumberOfMessagesVisible({ period })],
      }),
    );
  }

  /**
   * The `*` resources that remain are the ones the services require; each is named here with its
   * reason, and test/infra checks that no other wildcard exists.
   */
  private suppressServiceWildcards(stateMachineName: string) {
    Validations.of(this).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stateMachineName}:*]`,
        reason:
          "Executions are named per order at run time (<orderId>, --r<n>, --c<n>); the grant covers this state machine's executions only, to describe and stop them.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords and CloudWatch Logs delivery actions (CreateLogDelivery, ...) do not support resource-level permissions.',
      },
      ...SMS_WILDCARD_RESOURCES.map((resource) => ({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sms-voice:<AWS::Region>:<AWS::AccountId>:${resource}/*]`,
        reason:
          'Without the smsOriginationIdentityArn setting, End User Messaging picks the origination identity, so SMS may go out from any phone number, pool or sender id of this account and region.',
      })),
    );
  }
}
