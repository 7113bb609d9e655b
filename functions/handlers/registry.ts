/**
 * Every Lambda function of the product, by name: its handler module and what it may touch. The CDK
 * stack creates one NodejsFunction per entry and grants exactly `access`; the local runtime
 * imports the same modules in-process. Step function names map to ASL placeholders
 * `${<Name>FunctionArn}` in workflows/order-fulfillment.asl.json.
 */
export type Access =
  | 'table:read'
  | 'table:write'
  | 'sfn:start'
  | 'sfn:callback'
  /** Look at (DescribeExecution) and stop (StopExecution) the order workflow's executions. */
  | 'sfn:manage'
  | 'ses:send'
  | 'sms:send'
  | 'erp:secret';

export interface FunctionDefinition {
  /** Path from the repository root to the module exporting `handler`. */
  readonly entry: string;
  readonly access: readonly Access[];
  readonly description: string;
}

const NOTIFY: readonly Access[] = ['table:write', 'ses:send', 'sms:send'];

export const API_FUNCTIONS = {
  PublicApi: { entry: 'functions/handlers/api/public.ts', access: [], description: 'Health and OpenAPI' },
  SalesApi: {
    entry: 'functions/handlers/api/sales.ts',
    access: ['table:write', 'sfn:start', 'sfn:callback', 'sfn:manage', 'erp:secret', ...NOTIFY],
    description: 'Sales routes (and inquiries/promise checks from the ERP)',
  },
  ErpApi: {
    entry: 'functions/handlers/api/erp.ts',
    access: ['table:write', 'sfn:callback', 'sfn:manage', 'erp:secret', ...NOTIFY],
    description: 'ERP events, products and supply',
  },
  CustomerApi: {
    entry: 'functions/handlers/api/customer.ts',
    // Sends too: opt-out notices and new-quote requests to sales, fresh links to customers.
    access: ['table:write', 'sfn:callback', 'sfn:manage', ...NOTIFY],
    description: 'Tracking links: order page, quote decision, preferences, unsubscribe, fresh links',
  },
} as const satisfies Record<string, FunctionDefinition>;

export const STEP_FUNCTIONS = {
  ComputeQuote: {
    entry: 'functions/handlers/steps/compute-quote.ts',
    access: ['table:write'],
    description: 'Promise for a new inquiry; decides if sales must confirm',
  },
  AwaitCallback: {
    entry: 'functions/handlers/steps/await-callback.ts',
    access: ['table:write', 'sfn:callback'],
    description: 'Stores the task token of a waiting stage; resumes at once if its event came early',
  },
  NotifyStep: {
    entry: 'functions/handlers/steps/notify-step.ts',
    access: [...NOTIFY],
    description: 'Sends the notifications of a workflow step',
  },
  ApplyStage: {
    entry: 'functions/handlers/steps/apply-stage.ts',
    access: [...NOTIFY],
    description: 'Moves the order to a stage and tells who needs to know',
  },
  ConfirmOrder: {
    entry: 'functions/handlers/steps/confirm-order.ts',
    access: [...NOTIFY],
    description: 'Re-checks the promise and reserves stock and capacity',
  },
  FlagOverdue: {
    entry: 'functions/handlers/steps/flag-overdue.ts',
    access: [...NOTIFY, 'erp:secret'],
    description: 'A stage deadline passed: at risk, tell sales, ask the ERP',
  },
  CloseOrder: {
    entry: 'functions/handlers/steps/close-order.ts',
    access: [...NOTIFY],
    description: 'Delivered: on-time or late, release what is left',
  },
  AlertOperators: {
    entry: 'functions/handlers/steps/alert-operators.ts',
    access: ['table:write'],
    description: 'An unexpected failure: keep the order visible and alert',
  },
  ContinueAsNew: {
    entry: 'functions/handlers/steps/continue-as-new.ts',
    access: ['table:write', 'sfn:start'],
    description: 'Carries a long order into a fresh execution before history limits',
  },
} as const satisfies Record<string, FunctionDefinition>;

export const EVENT_FUNCTIONS = {
  EmailEvents: {
    entry: 'functions/handlers/events/email-events.ts',
    access: [...NOTIFY],
    description: 'SES bounces, complaints and deliveries',
  },
  SmsEvents: {
    entry: 'functions/handlers/events/sms-events.ts',
    access: [...NOTIFY],
    description: 'Inbound SMS (STOP) and delivery receipts',
  },
  NotificationSweeper: {
    entry: 'functions/handlers/events/notification-sweeper.ts',
    access: [...NOTIFY],
    description: 'Sends messages held for quiet hours and retries unsent claims',
  },
  StrandedInquiries: {
    entry: 'functions/handlers/events/stranded-inquiries.ts',
    access: ['table:read', 'sfn:start', 'sfn:manage'],
    description: 'Starts the workflow of inquiries a crash left without one',
  },
  SupplyChanged: {
    entry: 'functions/handlers/events/supply-changed.ts',
    access: [...NOTIFY],
    description: 'Re-promises the open orders a supply change touches',
  },
} as const satisfies Record<string, FunctionDefinition>;

export type StepFunctionName = keyof typeof STEP_FUNCTIONS;
export const ALL_FUNCTIONS: Record<string, FunctionDefinition> = {
  ...API_FUNCTIONS,
  ...STEP_FUNCTIONS,
  ...EVENT_FUNCTIONS,
};
