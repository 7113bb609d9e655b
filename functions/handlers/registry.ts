/**
 * Every Lambda function of the product, by name: its handler module and what it may touch. The CDK
 * stack creates one NodejsFunction per entry and grants exactly `access`; the local runtime
 * runs the same modules, each in its own worker thread, with the same environment and refuses
 * the AWS calls `access` does not grant (infra/access-policy.ts). Step function names map to ASL placeholders
 * `${<Name>FunctionArn}` in workflows/order-fulfillment.asl.json.
 */
export type Access =
  | 'table:read'
  | 'table:write'
  | 'table:describe'
  | 'sfn:start'
  | 'sfn:callback'
  /** Look at (DescribeExecution) and stop (StopExecution) the order workflow's executions. */
  | 'sfn:manage'
  | 'ses:send'
  | 'sms:send'
  | 'erp:secret'
  | 'tracking:secret';

/**
 * Plain settings (no resource behind them) a function may read. Resource names, ARNs and local
 * endpoints come with an access instead (infra/access-policy.ts); test/infra/function-settings.test.ts
 * fails when a handler reads a variable its entry does not give it.
 */
export type Setting =
  | 'PUBLIC_BASE_URL'
  | 'JWT_ISSUER'
  | 'JWT_AUDIENCE'
  | 'JWT_JWKS_URL'
  | 'QUOTE_VALIDITY_SECONDS'
  | 'SALES_ESCALATION_SECONDS'
  | 'ORDER_VALUE_CONFIRMATION_THRESHOLD'
  | 'STAGE_DEADLINE_SECONDS'
  | 'OVERDUE_RECHECK_SECONDS'
  | 'CONTINUE_AS_NEW_AFTER_SECONDS'
  | 'SALES_MANAGER_EMAIL'
  | 'OPERATIONS_EMAIL'
  | 'ERP_WEBHOOK_URL'
  | 'CURRENCY'
  | 'TRACKING_LINK_DAYS'
  | 'SEND_OUTCOME_GRACE_SECONDS'
  // Cognito managed login of the sales console (all three, or the console signs in by token only).
  | 'COGNITO_DOMAIN'
  | 'COGNITO_CLIENT_ID'
  | 'CONSOLE_URL';

export interface FunctionDefinition {
  /** Path from the repository root to the module exporting `handler`. */
  readonly entry: string;
  readonly access: readonly Access[];
  /** The plain settings it reads, besides what its accesses bring. */
  readonly settings: readonly Setting[];
  readonly description: string;
}

const NOTIFY: readonly Access[] = ['table:write', 'ses:send', 'sms:send', 'tracking:secret'];

/** Every message carries the tracking link; escalations go to the sales manager. */
const NOTIFY_SETTINGS: readonly Setting[] = [
  'PUBLIC_BASE_URL',
  'SALES_MANAGER_EMAIL',
  // Orders that need attention are told to operations too; emails show prices and links' lifetime.
  'OPERATIONS_EMAIL',
  'CURRENCY',
  'TRACKING_LINK_DAYS',
  // How long the sweeper leaves a send of unknown outcome to the provider's send event.
  'SEND_OUTCOME_GRACE_SECONDS',
];
/** The order use cases' durations and rules (functions/usecases/order/wiring.ts). */
const ORDER_SETTINGS: readonly Setting[] = [
  'QUOTE_VALIDITY_SECONDS',
  'SALES_ESCALATION_SECONDS',
  'ORDER_VALUE_CONFIRMATION_THRESHOLD',
  'STAGE_DEADLINE_SECONDS',
  'OVERDUE_RECHECK_SECONDS',
  'CONTINUE_AS_NEW_AFTER_SECONDS',
  'ERP_WEBHOOK_URL',
  ...NOTIFY_SETTINGS,
];
/**
 * Sales tokens are verified in the handler too (functions/shared/auth/jwt.ts); tracking links are
 * checked against their lifetime (functions/shared/auth/tracking-token.ts).
 */
const AUTH_SETTINGS: readonly Setting[] = [
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'JWT_JWKS_URL',
  'PUBLIC_BASE_URL',
  'TRACKING_LINK_DAYS',
];

export const API_FUNCTIONS = {
  PublicApi: {
    entry: 'functions/handlers/api/public.ts',
    access: ['table:describe'],
    settings: [...AUTH_SETTINGS],
    description: 'Health and OpenAPI',
  },
  SalesApi: {
    entry: 'functions/handlers/api/sales.ts',
    access: ['table:write', 'sfn:start', 'sfn:callback', 'sfn:manage', 'erp:secret', ...NOTIFY],
    settings: [
      ...AUTH_SETTINGS,
      ...ORDER_SETTINGS,
      'CURRENCY',
      'COGNITO_DOMAIN',
      'COGNITO_CLIENT_ID',
      'CONSOLE_URL',
    ],
    description: 'Sales routes, the sales console (and inquiries/promise checks from the ERP)',
  },
  ErpApi: {
    entry: 'functions/handlers/api/erp.ts',
    access: ['table:write', 'sfn:callback', 'sfn:manage', 'erp:secret', ...NOTIFY],
    settings: [...AUTH_SETTINGS, ...ORDER_SETTINGS],
    description: 'ERP events, products and supply',
  },
  CustomerApi: {
    entry: 'functions/handlers/api/customer.ts',
    // Sends too: opt-out notices and new-quote requests to sales, fresh links to customers.
    access: ['table:write', 'sfn:callback', 'sfn:manage', ...NOTIFY],
    settings: [...AUTH_SETTINGS, ...ORDER_SETTINGS],
    description: 'Tracking links: order page, quote decision, preferences, unsubscribe, fresh links',
  },
} as const satisfies Record<string, FunctionDefinition>;

export const STEP_FUNCTIONS = {
  ComputeQuote: {
    entry: 'functions/handlers/steps/compute-quote.ts',
    access: ['table:write'],
    settings: [...ORDER_SETTINGS],
    description: 'Promise for a new inquiry; decides if sales must confirm',
  },
  AwaitCallback: {
    entry: 'functions/handlers/steps/await-callback.ts',
    access: ['table:write', 'sfn:callback'],
    settings: [...ORDER_SETTINGS],
    description: 'Stores the task token of a waiting stage; resumes at once if its event came early',
  },
  NotifyStep: {
    entry: 'functions/handlers/steps/notify-step.ts',
    access: [...NOTIFY],
    settings: [...ORDER_SETTINGS],
    description: 'Sends the notifications of a workflow step',
  },
  ApplyStage: {
    entry: 'functions/handlers/steps/apply-stage.ts',
    access: [...NOTIFY],
    settings: [...ORDER_SETTINGS],
    description: 'Moves the order to a stage and tells who needs to know',
  },
  ConfirmOrder: {
    entry: 'functions/handlers/steps/confirm-order.ts',
    access: [...NOTIFY],
    settings: [...ORDER_SETTINGS],
    description: 'Re-checks the promise and reserves stock and capacity',
  },
  FlagOverdue: {
    entry: 'functions/handlers/steps/flag-overdue.ts',
    access: [...NOTIFY, 'erp:secret'],
    settings: [...ORDER_SETTINGS],
    description: 'A stage deadline passed: at risk, tell sales, ask the ERP',
  },
  CloseOrder: {
    entry: 'functions/handlers/steps/close-order.ts',
    access: [...NOTIFY],
    settings: [...ORDER_SETTINGS],
    description: 'Delivered: on-time or late, release what is left',
  },
  AlertOperators: {
    entry: 'functions/handlers/steps/alert-operators.ts',
    access: ['table:write'],
    settings: [...ORDER_SETTINGS],
    description: 'An unexpected failure: keep the order visible and alert',
  },
  ContinueAsNew: {
    entry: 'functions/handlers/steps/continue-as-new.ts',
    access: ['table:write', 'sfn:start'],
    settings: [...ORDER_SETTINGS],
    description: 'Carries a long order into a fresh execution before history limits',
  },
} as const satisfies Record<string, FunctionDefinition>;

export const EVENT_FUNCTIONS = {
  EmailEvents: {
    entry: 'functions/handlers/events/email-events.ts',
    access: [...NOTIFY],
    settings: [...ORDER_SETTINGS],
    description: 'SES bounces, complaints and deliveries',
  },
  SmsEvents: {
    entry: 'functions/handlers/events/sms-events.ts',
    access: [...NOTIFY],
    settings: [...ORDER_SETTINGS],
    description: 'Inbound SMS (STOP) and delivery receipts',
  },
  NotificationSweeper: {
    entry: 'functions/handlers/events/notification-sweeper.ts',
    access: [...NOTIFY],
    settings: [...ORDER_SETTINGS],
    description: 'Sends messages held for quiet hours and retries unsent claims',
  },
  StrandedInquiries: {
    entry: 'functions/handlers/events/stranded-inquiries.ts',
    access: ['table:read', 'sfn:start', 'sfn:manage'],
    // The execution input carries the quote validity and escalation durations.
    settings: [...ORDER_SETTINGS],
    description: 'Starts the workflow of inquiries a crash left without one',
  },
  SupplyChanged: {
    entry: 'functions/handlers/events/supply-changed.ts',
    access: [...NOTIFY],
    settings: [...ORDER_SETTINGS],
    description: 'Re-promises the open orders a supply change touches',
  },
} as const satisfies Record<string, FunctionDefinition>;

export type StepFunctionName = keyof typeof STEP_FUNCTIONS;
export const ALL_FUNCTIONS: Record<string, FunctionDefinition> = {
  ...API_FUNCTIONS,
  ...STEP_FUNCTIONS,
  ...EVENT_FUNCTIONS,
};
