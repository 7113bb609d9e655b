/**
 * The deployment's settings, read from CDK context (cdk.json, or `-c key=value`) and checked once,
 * so a typo fails the synth with the setting's name instead of deploying a broken stack.
 */
import type { Node } from 'constructs';

export type Stage = 'dev' | 'prod';

export interface Settings {
  /** `dev` allows the table and logs to be destroyed with the stack; `prod` retains and protects them. */
  readonly stage: Stage;
  /** From: address of every email; must belong to `emailDomain`. */
  readonly senderAddress: string;
  /** The SES domain identity (DKIM records to add to DNS are in the stack's outputs). */
  readonly emailDomain: string;
  readonly quoteValiditySeconds: number;
  readonly salesConfirmationEscalationSeconds: number;
  readonly orderValueConfirmationThreshold: number;
  /** Where the operators' alarm topic sends email; none when empty. */
  readonly operatorEmail: string;
  /** Where sales-manager escalations go; none when empty. */
  readonly salesManagerEmail: string;
  /**
   * ARN of the End User Messaging SMS phone number, sender id or pool to send from. Empty: the
   * functions may send from any origination identity of this account and region.
   */
  readonly smsOriginationIdentityArn: string;
  /** Base URL of tracking links (a custom domain); empty: the HTTP API's default endpoint. */
  readonly publicBaseUrl: string;
  /** The ERP's webhook for status requests when a stage misses its deadline; empty: none are sent. */
  readonly erpWebhookUrl: string;
  /** Steady-state and burst request rates of the HTTP API's default stage. */
  readonly apiRateLimit: number;
  readonly apiBurstLimit: number;
  /** Days CloudWatch keeps function, workflow and access logs. */
  readonly logRetentionDays: number;
  /**
   * Public origin of the sales console (Cognito's callback and sign-out URLs hang off it); empty:
   * `publicBaseUrl`, else the HTTP API's own URL.
   */
  readonly consoleUrl: string;
  /**
   * Base URL of a managed-login domain the user pool already has (e.g. a custom domain); empty: the
   * stack creates a Cognito domain with `cognitoDomainPrefix`.
   */
  readonly cognitoDomainUrl: string;
  /** Prefix of the Cognito domain the stack creates; empty: `promise-keeper-<stage>-<account id>`. */
  readonly cognitoDomainPrefix: string;
}

const DEFAULTS: Omit<Settings, 'stage' | 'senderAddress' | 'emailDomain'> = {
  quoteValiditySeconds: 14 * 86_400,
  salesConfirmationEscalationSeconds: 4 * 3_600,
  orderValueConfirmationThreshold: 50_000,
  operatorEmail: '',
  salesManagerEmail: '',
  smsOriginationIdentityArn: '',
  publicBaseUrl: '',
  erpWebhookUrl: '',
  apiRateLimit: 200,
  apiBurstLimit: 400,
  logRetentionDays: 30,
  consoleUrl: '',
  cognitoDomainUrl: '',
  cognitoDomainPrefix: '',
};

/** An origin or base URL without a trailing slash, since paths are appended to it; empty stays empty. */
function baseUrl(node: Node, key: string): string {
  const value = text(node, key, '').replace(/\/+$/, '');
  if (value && !/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value))
    throw new Error(`Context setting "${key}" must be an https URL without query, got ${value}`);
  return value;
}

function text(node: Node, key: string, fallback?: string): string {
  const value: unknown = node.tryGetContext(key) ?? fallback;
  if (typeof value !== 'string') throw new Error(`Context setting "${key}" must be a string`);
  return value;
}

function positive(node: Node, key: string, fallback: number): number {
  const raw: unknown = node.tryGetContext(key) ?? fallback;
  // `-c key=value` on the command line always arrives as a string.
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new Error(`Context setting "${key}" must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

/** Reads and validates every setting from the construct tree's context. */
export function readSettings(node: Node): Settings {
  const stage = text(node, 'stage', 'dev');
  if (stage !== 'dev' && stage !== 'prod')
    throw new Error(`Context setting "stage" must be dev or prod, got ${stage}`);
  const emailDomain = text(node, 'emailDomain');
  const senderAddress = text(node, 'senderAddress');
  if (!senderAddress.endsWith(`@${emailDomain}`))
    throw new Error(
      `Context setting "senderAddress" (${senderAddress}) must be an address of emailDomain (${emailDomain})`,
    );
  return {
    stage,
    senderAddress,
    emailDomain,
    quoteValiditySeconds: positive(node, 'quoteValiditySeconds', DEFAULTS.quoteValiditySeconds),
    salesConfirmationEscalationSeconds: positive(
      node,
      'salesConfirmationEscalationSeconds',
      DEFAULTS.salesConfirmationEscalationSeconds,
    ),
    orderValueConfirmationThreshold: positive(
      node,
      'orderValueConfirmationThreshold',
      DEFAULTS.orderValueConfirmationThreshold,
    ),
    operatorEmail: text(node, 'operatorEmail', DEFAULTS.operatorEmail),
    salesManagerEmail: text(node, 'salesManagerEmail', DEFAULTS.salesManagerEmail),
    smsOriginationIdentityArn: text(node, 'smsOriginationIdentityArn', DEFAULTS.smsOriginationIdentityArn),
    publicBaseUrl: text(node, 'publicBaseUrl', DEFAULTS.publicBaseUrl),
    erpWebhookUrl: text(node, 'erpWebhookUrl', DEFAULTS.erpWebhookUrl),
    apiRateLimit: positive(node, 'apiRateLimit', DEFAULTS.apiRateLimit),
    apiBurstLimit: positive(node, 'apiBurstLimit', DEFAULTS.apiBurstLimit),
    logRetentionDays: positive(node, 'logRetentionDays', DEFAULTS.logRetentionDays),
    consoleUrl: baseUrl(node, 'consoleUrl'),
    cognitoDomainUrl: baseUrl(node, 'cognitoDomainUrl'),
    cognitoDomainPrefix: cognitoDomainPrefix(node),
  };
}

/** Cognito's rule for a domain prefix: lowercase letters, digits and hyphens, no reserved words. */
function cognitoDomainPrefix(node: Node): string {
  const value = text(node, 'cognitoDomainPrefix', DEFAULTS.cognitoDomainPrefix);
  if (value && (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value) || /aws|amazon|cognito/.test(value)))
    throw new Error(
      `Context setting "cognitoDomainPrefix" must be 1-63 lowercase letters, digits and hyphens without aws, amazon or cognito, got ${value}`,
    );
  return value;
}
