/**
 * What holds data or identity and must outlive code deployments: the table, the ERP and tracking secrets, the
 * sales user pool, the email identity and the SMS channel. The stateless stack (functions,
 * workflow, API, alarms) can be destroyed and recreated freely; this one is deployed rarely and
 * retained in prod.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as smsvoice from 'aws-cdk-lib/aws-smsvoice';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { SALES_GROUP } from '../../functions/shared/auth/jwt.ts';
import { OrderTable } from '../constructs/order-table.ts';
import type { Settings } from './settings.ts';

export interface StatefulStackProps extends StackProps {
  readonly settings: Settings;
}

/**
 * SMS events the product reacts to: queued (the provider accepted a message, which records its send
 * if the sender could not), delivery, and the ways a message can fail for good.
 */
export const SMS_EVENT_TYPES = [
  'TEXT_QUEUED',
  'TEXT_DELIVERED',
  'TEXT_INVALID',
  'TEXT_INVALID_MESSAGE',
  'TEXT_UNREACHABLE',
  'TEXT_CARRIER_UNREACHABLE',
  'TEXT_BLOCKED',
  'TEXT_CARRIER_BLOCKED',
  'TEXT_SPAM',
  'TEXT_UNKNOWN',
  'TEXT_TTL_EXPIRED',
];

export class StatefulStack extends Stack {
  readonly table: OrderTable['table'];
  readonly erpSecret: secretsmanager.Secret;
  /** Derives customers' tracking tokens: losing or changing it breaks every link already sent. */
  readonly trackingSecret: secretsmanager.Secret;
  readonly userPool: cognito.UserPool;
  readonly salesClient: cognito.UserPoolClient;
  /** Base URL of the user pool's managed login (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly loginDomainUrl: string;
  /** Encrypts the messaging and alarm topics; the services that publish to them may use it. */
  readonly topicKey: kms.Key;
  readonly emailIdentity: ses.EmailIdentity;
  readonly emailConfigurationSet: ses.ConfigurationSet;
  /** SES bounce, complaint and delivery events. */
  readonly emailEventsTopic: sns.Topic;
  readonly smsConfigurationSet: smsvoice.CfnConfigurationSet;
  readonly smsOptOutList: smsvoice.CfnOptOutList;
  /** SMS delivery events, and inbound SMS (STOP) once a phone number's two-way channel points here. */
  readonly smsEventsTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const prod = settings.stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const prefix = `promise-keeper-${settings.stage}`;

    this.table = new OrderTable(this, 'Orders', { protect: prod }).table;

    this.erpSecret = new secretsmanager.Secret(this, 'ErpSecret', {
      description: 'HMAC-SHA256 key the ERP signs its requests with',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    Validations.of(this.erpSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key is shared with the ERP integrator; rotating it is a coordinated change on both sides, so it is rotated by hand, not by a rotation Lambda.',
    });

    this.trackingSecret = new secretsmanager.Secret(this, 'TrackingSecret', {
      description: "Key that derives customers' tracking tokens (HMAC-SHA256 of the order id)",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    Validations.of(this.trackingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Tracking links in messages already sent are derived from this key; rotating it would break every open link, so it is never rotated automatically.',
    });

    this.userPool = new cognito.UserPool(this, 'SalesUsers', {
      userPoolName: `${prefix}-sales`,
      // Sales accounts are created by an administrator, never by sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: prod,
      removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection (advanced security) needs the Plus feature plan; sales users are few, invited by an administrator, and must use TOTP MFA.',
    });
    // The API refuses a token without this group (403): created here, so a new user needs only adding.
    new cognito.CfnUserPoolGroup(this, 'SalesGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: SALES_GROUP,
      description: 'Sales: may use the console and the sales routes of the API',
    });
    this.salesClient = this.userPool.addClient('SalesApp', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });
    // The console signs in through managed login, which needs a domain: the one the pool has, or this one.
    this.loginDomainUrl =
      settings.cognitoDomainUrl ||
      this.userPool
        .addDomain('ManagedLogin', {
          cognitoDomain: {
            domainPrefix: settings.cognitoDomainPrefix || `${prefix}-${Aws.ACCOUNT_ID}`,
          },
          // The classic pages need no branding resource per app client; the newer ones do.
          managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
        })
        .baseUrl();

    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts promise-keeper SNS topics (email/SMS feedback, operator alarms)',
      enableKeyRotation: true,
      removalPolicy,
    });
    // SES, End User Messaging SMS and CloudWatch alarms publish to encrypted topics only if the key lets them.
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        principals: [
          new iam.ServicePrincipal('ses.amazonaws.com'),
          new iam.ServicePrincipal('sms-voice.amazonaws.com'),
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
        ],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    this.emailEventsTopic = new sns.Topic(this, 'EmailEvents', {
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    this.emailConfigurationSet = new ses.ConfigurationSet(this, 'EmailConfigurationSet', {
      configurationSetName: `${prefix}-email`,
      reputationMetrics: true,
      // Bounced and complained addresses are also suppressed by the product itself (hashed).
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.emailConfigurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.snsTopic(this.emailEventsTopic),
      // SEND records a message whose sender could not (see functions/domain/notify/message-tag.ts).
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.DELIVERY,
      ],
    });
    this.emailIdentity = new ses.EmailIdentity(this, 'EmailDomain', {
      identity: ses.Identity.domain(settings.emailDomain),
      // Mail sent from the domain uses the configuration set even if a caller forgets to name it.
      configurationSet: this.emailConfigurationSet,
    });

    this.smsEventsTopic = new sns.Topic(this, 'SmsEvents', { masterKey: this.topicKey, enforceSSL: true });
    this.smsEventsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new iam.ServicePrincipal('sms-voice.amazonaws.com')],
        resources: [this.smsEventsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.smsOptOutList = new smsvoice.CfnOptOutList(this, 'SmsOptOutList', {
      optOutListName: `${prefix}-opt-out`,
    });
    this.smsConfigurationSet = new smsvoice.CfnConfigurationSet(this, 'SmsConfigurationSet', {
      configurationSetName: `${prefix}-sms`,
      eventDestinations: [
        {
          eventDestinationName: 'ToSmsEvents',
          enabled: true,
          matchingEventTypes: SMS_EVENT_TYPES,
          snsDestination: { topicArn: this.smsEventsTopic.topicArn },
        },
      ],
    });
    this.smsConfigurationSet.node.addDependency(this.smsEventsTopic);

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'SalesClientId', { value: this.salesClient.userPoolClientId });
    new CfnOutput(this, 'ManagedLoginUrl', { value: this.loginDomainUrl });
    new CfnOutput(this, 'ErpSecretArn', { value: this.erpSecret.secretArn });
    new CfnOutput(this, 'SmsEventsTopicArn', {
      description: "Point the origination phone number's two-way SMS channel here",
      value: this.smsEventsTopic.topicArn,
    });
    this.emailIdentity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `CNAME to add to ${settings.emailDomain}'s DNS`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }

  /** SES authorises sending against the identity and the configuration set. */
  get emailIdentityArn(): string {
    return this.emailIdentity.emailIdentityArn;
  }

  get emailConfigurationSetArn(): string {
    return this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.emailConfigurationSet.configurationSetName,
    });
  }
}
