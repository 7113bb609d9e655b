/**
 * The cloud stacks, synthesized once offline (test/infra/fixture.ts) and checked as templates:
 * what every function runs on, what each may do, the table, the workflow, the API's authorizers,
 * the channels' wiring, alarms, and cdk-nag's AwsSolutions pack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../functions/handlers/api/routes.ts';
import {
  ALL_FUNCTIONS,
  API_FUNCTIONS,
  EVENT_FUNCTIONS,
  STEP_FUNCTIONS,
  type Access,
} from '../../functions/handlers/registry.ts';
import { environmentNames } from '../../infra/access-policy.ts';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/product-function.ts';
import { buildPromiseKeeper } from '../../infra/stacks/promise-keeper.ts';
import { readSettings } from '../../infra/stacks/settings.ts';
import { StatefulStack } from '../../infra/stacks/stateful-stack.ts';
import { WORKFLOW_FILE, placeholderFor } from '../../infra/stacks/stateless-stack.ts';
import { TABLE_INDEXES, TABLE_TTL_ATTRIBUTE } from '../../infra/table-schema.ts';
import { cdkContext, synthesize, type Synthesized } from './fixture.ts';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
}

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
}, 180_000);

const resources = (template: Template, type: string) =>
  Object.entries(template.findResources(type) as Record<string, Resource>);

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const functionLogicalId = (name: string): string => {
  const fn = synth.stateless.functions[name];
  if (!fn) throw new Error(`No function ${name}`);
  return synth.stateless.getLogicalId(fn.node.defaultChild as CfnFunction);
};

/** Every Allow/Deny statement of every identity and resource policy in both stacks, with where it is. */
function allStatements(): { where: string; kind: string; statement: Statement }[] {
  const found: { where: string; kind: string; statement: Statement }[] = [];
  for (const template of [synth.statefulTemplate, synth.statelessTemplate]) {
    const add = (where: string, kind: string, document: unknown) => {
      for (const statement of list((document as { Statement: Statement[] }).Statement))
        found.push({ where, kind, statement });
    };
    for (const [id, r] of resources(template, 'AWS::IAM::Policy'))
      add(id, 'identity', r.Properties.PolicyDocument);
    for (const [id, r] of resources(template, 'AWS::IAM::Role'))
      for (const policy of (r.Properties.Policies as { PolicyDocument: unknown }[] | undefined) ?? [])
        add(id, 'identity', policy.PolicyDocument);
    for (const [id, r] of resources(template, 'AWS::KMS::Key')) add(id, 'key', r.Properties.KeyPolicy);
    for (const [id, r] of resources(template, 'AWS::SNS::TopicPolicy'))
      add(id, 'resource', r.Properties.PolicyDocument);
    for (const [id, r] of resources(template, 'AWS::SQS::QueuePolicy'))
      add(id, 'resource', r.Properties.PolicyDocument);
  }
  return found;
}

/** A resource ARN as text, intrinsic functions flattened, so wildcards can be seen. */
function arnText(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const value = resource as Json;
  if ('Fn::Join' in value) {
    const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
    return parts.map(arnText).join(separator);
  }
  return `<${JSON.stringify(value)}>`;
}

/** Actions whose AWS service has no resource-level permissions, so `*` is the only valid resource. */
const SERVICE_WIDE_ACTIONS = new Set([
  // X-Ray: trace segments are not resources.
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  // Step Functions logging to CloudWatch Logs: log deliveries are account-level.
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);

/** The actions a registry `access` entry must turn into, and nothing more. */
const ACTIONS_FOR: Record<Access, readonly string[]> = {
  'table:read': TABLE_READ_ACTIONS,
  'table:write': [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
  'sfn:start': ['states:StartExecution'],
  'sfn:callback': ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
  'sfn:manage': ['states:DescribeExecution', 'states:StopExecution'],
  'ses:send': ['ses:SendEmail', 'ses:SendRawEmail'],
  'sms:send': ['sms-voice:SendTextMessage'],
  'table:describe': ['dynamodb:DescribeTable'],
  'erp:secret': ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  'tracking:secret': ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
};
const EVERY_FUNCTION_ACTIONS = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
];

describe('synthesis', () => {
  it('needs no AWS account, credentials or context lookups', () => {
    const missingContext = synth.assembly.manifest.missing ?? [];

    expect(missingContext).toEqual([]);
    expect(synth.stateful.account).toMatch(/^\$\{Token/);
  });

  it('builds a function for every entry of the registry (none of their modules is missing)', () => {
    expect(synth.stateless.missingEntries).toEqual([]);
    expect(Object.keys(synth.stateless.functions).sort()).toEqual(Object.keys(ALL_FUNCTIONS).sort());
  });
});

describe('functions', () => {
  it('run on nodejs24.x and arm64 with active tracing and JSON logs, every one of them', () => {
    const functions = resources(synth.statelessTemplate, 'AWS::Lambda::Function');

    expect(functions).toHaveLength(Object.keys(ALL_FUNCTIONS).length);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
    }
  });

  it('write to their own log group, which has a retention', () => {
    for (const [, fn] of resources(synth.statelessTemplate, 'AWS::Lambda::Function')) {
      const logGroupId = ((fn.Properties.LoggingConfig as Json).LogGroup as { Ref: string }).Ref;
      const logGroup = synth.statelessTemplate.toJSON().Resources[logGroupId] as Resource;

      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(30);
    }
  });

  it('are minified ESM bundles with a source map and the AWS SDK inside, not taken from the runtime', () => {
    const assets = JSON.parse(
      readFileSync(path.join(synth.assembly.directory, `${synth.stateless.artifactId}.assets.json`), 'utf8'),
    ) as { files: Record<string, { source: { path: string } }> };
    for (const [name] of Object.entries(ALL_FUNCTIONS)) {
      const fn = synth.statelessTemplate.toJSON().Resources[functionLogicalId(name)] as Resource;
      const hash = ((fn.Properties.Code as Json).S3Key as string).replace(/\.zip$/, '');
      const folder = path.join(synth.assembly.directory, assets.files[hash]?.source.path ?? 'missing');

      const code = readFileSync(path.join(folder, 'index.mjs'), 'utf8');

      expect(fn.Properties.Handler).toBe('index.handler');
      expect(readFileSync(path.join(folder, 'index.mjs.map'), 'utf8')).toContain('"mappings"');
      expect(code, name).not.toMatch(/from\s*["']@aws-sdk\//);
      // The SDK's credential chain is replaced by the environment provider (infra/constructs/lambda-credentials.ts).
      expect(code, name).toContain('this bundle only runs in Lambda');
      // Minified code is a few very long lines (template literals keep their own line breaks).
      expect(code.length / code.split('\n').length, `${name} is minified`).toBeGreaterThan(1000);
    }
  });

  it('each get exactly the IAM actions their registry access lists, and nothing more', () => {
    const template = synth.statelessTemplate.toJSON().Resources as Record<string, Resource>;
    for (const [name, definition] of Object.entries(ALL_FUNCTIONS)) {
      const roleId = (
        (template[functionLogicalId(name)]?.Properties.Role as Json)['Fn::GetAtt'] as string[]
      )[0];
      const actions = new Set<string>();
      for (const [, policy] of resources(synth.statelessTemplate, 'AWS::IAM::Policy')) {
        if (!JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`)) continue;
        for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
          list(statement.Action).forEach((action) => actions.add(action));
      }
      const expected = new Set([
        ...EVERY_FUNCTION_ACTIONS,
        ...definition.access.flatMap((access) => ACTIONS_FOR[access]),
        ...(name in EVENT_FUNCTIONS ? ['sqs:SendMessage'] : []),
      ]);

      expect([...actions].sort(), name).toEqual([...expected].sort());
    }
  });

  it('receive a resource name or secret ARN only with the access to use it', () => {
    const template = synth.statelessTemplate.toJSON().Resources as Record<string, Resource>;
    for (const [name, definition] of Object.entries(ALL_FUNCTIONS)) {
      const variables = (template[functionLogicalId(name)]?.Properties.Environment as { Variables: Json })
        .Variables;
      const usesWorkflow = definition.access.some((access) => access.startsWith('sfn:'));
      const usesTable = definition.access.some((access) => access.startsWith('table:'));

      expect('STATE_MACHINE_ARN' in variables, name).toBe(usesWorkflow);
      expect('ERP_SECRET_ARN' in variables, name).toBe(definition.access.includes('erp:secret'));
      expect('TRACKING_SECRET_ARN' in variables, name).toBe(definition.access.includes('tracking:secret'));
      expect('TABLE_NAME' in variables, name).toBe(usesTable);
      expect('SENDER_EMAIL' in variables, name).toBe(definition.access.includes('ses:send'));
      expect(variables, name).toMatchObject({ NODE_OPTIONS: '--enable-source-maps' });
    }
  });

  it('receive no variable their registry entry does not name (the local runtime gives the same set)', () => {
    const template = synth.statelessTemplate.toJSON().Resources as Record<string, Resource>;
    for (const [name, definition] of Object.entries(ALL_FUNCTIONS)) {
      const variables = (template[functionLogicalId(name)]?.Properties.Environment as { Variables: Json })
        .Variables;
      const allowed = environmentNames(definition);

      expect(
        Object.keys(variables).filter((variable) => !allowed.has(variable)),
        name,
      ).toEqual([]);
    }
  });

  it('that send messages or take inquiries can derive tracking links: the tracking secret exists and is granted', () => {
    synth.statefulTemplate.resourcePropertiesCountIs(
      'AWS::SecretsManager::Secret',
      { Description: Match.stringLikeRegexp('tracking tokens') },
      1,
    );
    const senders = Object.entries(ALL_FUNCTIONS).filter(([, definition]) =>
      definition.access.includes('ses:send'),
    );

    expect(senders.length).toBeGreaterThan(0);
    for (const [name, definition] of senders) expect(definition.access, name).toContain('tracking:secret');
    expect(ALL_FUNCTIONS.SalesApi?.access).toContain('tracking:secret');
  });

  it('leave the health check nothing but the table status', () => {
    expect(ALL_FUNCTIONS.PublicApi?.access).toEqual(['table:describe']);
  });
});

describe('the table', () => {
  it('has the keys and indexes of infra/table-schema.ts, on demand, with PITR, encryption and TTL', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE_TTL_ATTRIBUTE, Enabled: true },
      GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('can be deleted with a dev stack', () => {
    synth.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });

  it('is protected from deletion and retained in prod', () => {
    const app = new App({ context: { ...cdkContext(), stage: 'prod' } });
    const stack = new StatefulStack(app, 'ProdStateful', { settings: readSettings(app.node) });

    Template.fromStack(stack).hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
    });
  });
});

describe('the order workflow', () => {
  const stateMachine = () => resources(synth.statelessTemplate, 'AWS::StepFunctions::StateMachine');

  it('is the workflow file, unchanged, with every placeholder bound to its step function', () => {
    const [[, machine] = ['', undefined]] = stateMachine();
    const location = machine?.Properties.DefinitionS3Location as { Key: string };
    const asset = path.join(synth.assembly.directory, `asset.${location.Key}`);
    const substitutions = machine?.Properties.DefinitionSubstitutions as Record<
      string,
      { 'Fn::GetAtt': string[] }
    >;
    const file = readFileSync(WORKFLOW_FILE, 'utf8');
    const placeholders = [...new Set([...file.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]))];

    expect(readFileSync(asset, 'utf8')).toBe(file);
    expect(placeholders.sort()).toEqual(Object.keys(substitutions).sort());
    for (const name of Object.keys(STEP_FUNCTIONS))
      expect(substitutions[placeholderFor(name)]?.['Fn::GetAtt']).toEqual([functionLogicalId(name), 'Arn']);
    const substituted = file.replace(
      /\$\{(\w+)\}/g,
      (_, key: string) => `arn:aws:lambda:eu-west-1:1:function:${key}`,
    );
    expect(() => JSON.parse(substituted) as unknown).not.toThrow();
  });

  it('may invoke exactly the step functions, unqualified', () => {
    const invoke = allStatements().filter(({ statement }) =>
      list(statement.Action).includes('lambda:InvokeFunction'),
    );

    expect(invoke).toHaveLength(1);
    expect(list(invoke[0]?.statement.Resource)).toEqual(
      Object.keys(STEP_FUNCTIONS).map((name) => ({ 'Fn::GetAtt': [functionLogicalId(name), 'Arn'] })),
    );
  });

  it('logs every event without execution data, and is traced', () => {
    synth.statelessTemplate.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('raises an alarm when an execution fails, times out or is aborted', () => {
    const metric = (name: string) =>
      Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: name }) }) });

    synth.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'failed + timedOut + aborted' }),
        metric('ExecutionsFailed'),
        metric('ExecutionsTimedOut'),
        metric('ExecutionsAborted'),
      ]),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Operators') }],
    });
  });
});

describe('the HTTP API', () => {
  const routes = () => resources(synth.statelessTemplate, 'AWS::ApiGatewayV2::Route');

  it('has every route of routes.ts, and no other', () => {
    const keys = routes().map(([, route]) => route.Properties.RouteKey);

    expect(keys.sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('checks sales JWTs from the Cognito user pool on sales routes, and leaves the others to their handlers', () => {
    const [[authorizerId] = ['']] = resources(synth.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer');
    for (const [, route] of routes()) {
      const definition = ROUTES.find((candidate) => routeKey(candidate) === route.Properties.RouteKey);

      if (definition?.audience === 'sales') {
        expect(route.Properties, routeKey(definition)).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      } else {
        expect(route.Properties.AuthorizationType, String(route.Properties.RouteKey)).toBe('NONE');
      }
    }
    synth.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::ImportValue': Match.stringLikeRegexp('SalesUsers.*ProviderURL') },
        Audience: [
          { 'Fn::ImportValue': Match.stringLikeRegexp('SalesUsersSalesApp') },
          { Ref: Match.stringLikeRegexp('^ConsoleClient') },
        ],
      },
    });
  });

  it("sends each route to its audience's function", () => {
    const integrations = Object.fromEntries(
      resources(synth.statelessTemplate, 'AWS::ApiGatewayV2::Integration'),
    );
    for (const [, route] of routes()) {
      const definition = ROUTES.find((candidate) => routeKey(candidate) === route.Properties.RouteKey);
      const target = route.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = integrations[target['Fn::Join'][1][1].Ref];

      expect(integration?.Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [functionLogicalId(definition?.function ?? 'none'), 'Arn'],
      });
    }
  });

  it('throttles and writes access logs without paths (tracking tokens live in paths)', () => {
    synth.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('\\$context\\.routeKey'),
      },
    });
    const [[, stage] = ['', undefined]] = resources(synth.statelessTemplate, 'AWS::ApiGatewayV2::Stage');
    expect((stage?.Properties.AccessLogSettings as Json).Format).not.toMatch(/\$context\.path/);
  });
});

describe('sales identities', () => {
  it('creates the sales group that the API requires in every sales token', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'sales',
      UserPoolId: { Ref: Match.stringLikeRegexp('^SalesUsers') },
    });
  });

  const apiUrlThen = (path: string) => ({
    'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'ApiEndpoint'] }, path]],
  });

  it("registers the console's callback and sign-out URLs, under the API's own URL, on a code-grant app client without a secret", () => {
    synth.statelessTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { 'Fn::ImportValue': Match.stringLikeRegexp('SalesUsers') },
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [apiUrlThen('/console/callback')],
      LogoutURLs: [
        apiUrlThen('/console/login?signedOut=1'),
        apiUrlThen('/console/login?signedOut=1&lang=en'),
        apiUrlThen('/console/login?signedOut=1&lang=zh-CN'),
      ],
    });
  });

  it('gives the user pool a managed-login domain of its own', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      UserPoolId: { Ref: Match.stringLikeRegexp('^SalesUsers') },
      Domain: { 'Fn::Join': ['', ['promise-keeper-dev-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 1,
    });
  });

  it('tells SalesApi where managed login is, which client to use and where the console lives', () => {
    const template = synth.statelessTemplate.toJSON() as { Resources: Record<string, Resource> };
    const variables = (
      template.Resources[functionLogicalId('SalesApi')]?.Properties.Environment as { Variables: Json }
    ).Variables;

    expect(JSON.stringify(variables.COGNITO_DOMAIN)).toMatch(/https:.*ManagedLogin.*\.amazoncognito\.com/);
    expect(variables.COGNITO_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/^ConsoleClient/) as unknown });
    expect(variables.CONSOLE_URL).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Api/) as unknown, 'ApiEndpoint'],
    });
    // A token from the console's sign-in is a sales token like one from the API's own client.
    expect(JSON.stringify(variables.JWT_AUDIENCE)).toMatch(/SalesApp.*ConsoleClient/);
  });

  it('serves every console page through the HTTP API without a gateway authorizer (the handler checks the session)', () => {
    const consoleRoutes = ROUTES.filter((route) => route.path.startsWith('/console')).map(routeKey);
    const deployed = resources(synth.statelessTemplate, 'AWS::ApiGatewayV2::Route')
      .map(([, route]) => route.Properties)
      .filter((route) => consoleRoutes.includes(String(route.RouteKey)));

    expect(consoleRoutes).toEqual(expect.arrayContaining(['GET /console/callback', 'GET /console/quote']));
    expect(deployed.map((route) => route.RouteKey).sort()).toEqual([...consoleRoutes].sort());
    for (const route of deployed) expect(route.AuthorizationType, String(route.RouteKey)).toBe('NONE');
  });

  it('uses the consoleUrl and cognitoDomainUrl settings instead, creating no domain then', () => {
    const app = new App({
      context: {
        ...cdkContext(),
        consoleUrl: 'https://sales.acme.example/',
        cognitoDomainUrl: 'https://login.acme.example',
      },
    });
    const built = buildPromiseKeeper(app, {
      nag: false,
      // The client and SalesApi's settings are what is checked; the workflow needs one step to synthesize.
      functions: { SalesApi: API_FUNCTIONS.SalesApi, AwaitCallback: STEP_FUNCTIONS.AwaitCallback },
    });
    const stateless = Template.fromStack(built.stateless);

    Template.fromStack(built.stateful).resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://sales.acme.example/console/callback'],
      LogoutURLs: Match.arrayWith(['https://sales.acme.example/console/login?signedOut=1&lang=zh-CN']),
    });
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          COGNITO_DOMAIN: 'https://login.acme.example',
          CONSOLE_URL: 'https://sales.acme.example',
        }),
      },
    });
  }, 180_000);

  it.each([
    ['consoleUrl', 'http://sales.acme.example'],
    ['cognitoDomainPrefix', 'my-cognito-login'],
  ])('refuses a %s of %s at synth, naming the setting', (key, value) => {
    const app = new App({ context: { ...cdkContext(), [key]: value } });

    expect(() => readSettings(app.node)).toThrow(key);
  });
});

describe('channels and schedules', () => {
  it('sends SES bounces, complaints and deliveries through SNS to EmailEvents', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: cdkContext().emailDomain,
    });
    synth.statefulTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['send', 'bounce', 'complaint', 'delivery'],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^EmailEvents') } },
      },
    });
    synth.statelessTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [functionLogicalId('EmailEvents'), 'Arn'] },
      TopicArn: { 'Fn::ImportValue': Match.stringLikeRegexp('EmailEvents') },
    });
  });

  it('has an SMS configuration set whose events reach SmsEvents, and an opt-out list', () => {
    synth.statefulTemplate.resourceCountIs('AWS::SMSVOICE::OptOutList', 1);
    synth.statefulTemplate.hasResourceProperties('AWS::SMSVOICE::ConfigurationSet', {
      EventDestinations: [
        Match.objectLike({
          Enabled: true,
          SnsDestination: { TopicArn: { Ref: Match.stringLikeRegexp('^SmsEvents') } },
        }),
      ],
    });
    synth.statelessTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [functionLogicalId('SmsEvents'), 'Arn'] },
      TopicArn: { 'Fn::ImportValue': Match.stringLikeRegexp('SmsEvents') },
    });
  });

  it('runs the notification sweeper on a schedule and SupplyChanged on supply-change events', () => {
    synth.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId('NotificationSweeper'), 'Arn'] } }),
      ],
    });
    synth.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['promise-keeper.erp'], 'detail-type': ['SupplyChanged'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionLogicalId('SupplyChanged'), 'Arn'] },
          InputPath: '$.detail',
        }),
      ],
    });
  });
});

describe('operations', () => {
  it('alarms operators on errors of every function, API 5xx and the dead-letter queue', () => {
    const alarms = resources(synth.statelessTemplate, 'AWS::CloudWatch::Alarm').map(
      ([, alarm]) => alarm.Properties,
    );
    const onMetric = (name: string, dimension?: string) =>
      alarms.filter(
        (alarm) =>
          alarm.MetricName === name &&
          (!dimension || JSON.stringify(alarm.Dimensions).includes(`"${dimension}"`)) &&
          JSON.stringify(alarm.AlarmActions).includes('Operators'),
      );

    for (const name of Object.keys(ALL_FUNCTIONS))
      expect(onMetric('Errors', functionLogicalId(name)), name).toHaveLength(1);
    expect(onMetric('5xx')).toHaveLength(1);
    expect(onMetric('ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    synth.statelessTemplate.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('security', () => {
  it('allows no `*` action, except in the KMS key policy that lets the account manage its key (denials may be broad)', () => {
    const wildcardActions = allStatements().filter(
      ({ kind, statement }) =>
        statement.Effect === 'Allow' &&
        list(statement.Action).some((action) => action === '*' || action.endsWith(':*')) &&
        !(kind === 'key' && JSON.stringify(statement.Principal).includes(':root')),
    );

    expect(wildcardActions).toEqual([]);
  });

  it('uses a `*` resource only for actions that have no resource-level permissions (or in a key policy, where it means the key)', () => {
    const offending = allStatements().filter(
      ({ kind, statement }) =>
        statement.Effect === 'Allow' &&
        kind !== 'key' &&
        list(statement.Resource).some((resource) => resource === '*') &&
        list(statement.Action).some((action) => !SERVICE_WIDE_ACTIONS.has(action)),
    );

    expect(offending).toEqual([]);
  });

  it("uses no partial wildcard resource except SMS origination identities (no smsOriginationIdentityArn set) and the order workflow's executions", () => {
    const partial = allStatements()
      .flatMap(({ statement }) => list(statement.Resource ?? []).map(arnText))
      .filter((arn) => arn !== '*' && arn.includes('*'));

    expect([...new Set(partial)].sort()).toEqual(
      [
        ...['phone-number', 'pool', 'sender-id'].map(
          (resource) =>
            `arn:<{"Ref":"AWS::Partition"}>:sms-voice:<{"Ref":"AWS::Region"}>:<{"Ref":"AWS::AccountId"}>:${resource}/*`,
        ),
        ...new Set(partial.filter((arn) => /:states:.*:execution:[\w-]+-order-fulfillment:\*$/.test(arn))),
      ].sort(),
    );
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks().validateScope(synth.app);
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map(
        (resource) => `${violation.ruleName} at ${resource.constructPath ?? ''}`,
      ),
    );

    expect(findings).toEqual([]);
  });

  it('gives every acknowledged cdk-nag rule a written reason', () => {
    const acknowledgments = synth.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));

    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgments) expect(reason.length, id).toBeGreaterThan(40);
  });
});
