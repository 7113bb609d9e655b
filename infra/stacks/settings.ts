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
};

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
  };
}
