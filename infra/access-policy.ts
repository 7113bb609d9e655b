/**
 * What each registry `access` allows, as IAM actions, and which environment variables come with it.
 * The CDK construct grants these actions; the local runtime's endpoints refuse any other call from a
 * function (infra/local/iam.ts). Kept free of CDK imports so the local runtime loads it cheaply.
 */
import type { Access, FunctionDefinition } from '../functions/handlers/registry.ts';

/** What the repositories call: single items, queries on the table and its GSIs, transactions' checks. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
/** TransactWriteItems is authorised per contained action, so it needs no action of its own. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export const ACCESS_ACTIONS: Record<Access, readonly string[]> = {
  'table:read': TABLE_READ_ACTIONS,
  'table:write': [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
  // Health only: the table's status, no item.
  'table:describe': ['dynamodb:DescribeTable'],
  'sfn:start': ['states:StartExecution'],
  'sfn:callback': ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
  // Whether an order's execution still runs, and stopping it on cancel (on the machine's executions only).
  'sfn:manage': ['states:DescribeExecution', 'states:StopExecution'],
  'ses:send': ['ses:SendEmail', 'ses:SendRawEmail'],
  'sms:send': ['sms-voice:SendTextMessage'],
  'erp:secret': ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  'tracking:secret': ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
};

/**
 * The variables an access brings: the resource's name or ARN (cloud), its value where a secret is
 * given directly (local), and the endpoint override (local). A function sees a resource only
 * together with the right to use it.
 */
export const ACCESS_VARIABLES: Record<Access, readonly string[]> = {
  'table:read': ['TABLE_NAME', 'DYNAMODB_ENDPOINT'],
  'table:write': ['TABLE_NAME', 'DYNAMODB_ENDPOINT'],
  'table:describe': ['TABLE_NAME', 'DYNAMODB_ENDPOINT'],
  'sfn:start': ['STATE_MACHINE_ARN', 'SFN_ENDPOINT'],
  'sfn:callback': ['STATE_MACHINE_ARN', 'SFN_ENDPOINT'],
  'sfn:manage': ['STATE_MACHINE_ARN', 'SFN_ENDPOINT'],
  'ses:send': ['SENDER_EMAIL', 'SES_CONFIGURATION_SET', 'SES_ENDPOINT'],
  'sms:send': ['SMS_CONFIGURATION_SET', 'SMS_ORIGINATION_IDENTITY', 'SMS_ENDPOINT'],
  'erp:secret': ['ERP_SECRET_ARN', 'ERP_SECRET'],
  'tracking:secret': ['TRACKING_SECRET_ARN', 'TRACKING_SECRET'],
};

/** Set for every function by the construct (Lambda itself adds AWS_REGION, credentials, ...). */
export const COMMON_VARIABLES = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL'] as const;

/** Every variable name a registry entry may receive: common ones, its accesses' and its plain settings. */
export function environmentNames(definition: FunctionDefinition): ReadonlySet<string> {
  return new Set<string>([
    ...COMMON_VARIABLES,
    ...definition.access.flatMap((access) => ACCESS_VARIABLES[access]),
    ...definition.settings,
  ]);
}

/**
 * A function's environment: of all the values the deployment (or the local runtime) has, exactly
 * those its registry entry names. The CDK stack and the local invoker both call this, so a setting
 * a function forgot to declare is missing in both places alike.
 */
export function functionEnvironment(
  definition: FunctionDefinition,
  available: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of environmentNames(definition)) {
    const value = available[name];
    if (value !== undefined && value !== '') environment[name] = value;
  }
  return environment;
}

/** True when one of a function's accesses allows `action` (e.g. `dynamodb:PutItem`). */
export const allows = (definition: FunctionDefinition, action: string): boolean =>
  definition.access.some((access) => ACCESS_ACTIONS[access].includes(action));
