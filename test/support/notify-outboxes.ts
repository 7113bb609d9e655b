import { afterAll, beforeAll } from 'vitest';
import { startSesOutbox } from '../../infra/local/ses-outbox.ts';
import { startSmsSink } from '../../infra/local/sms-sink.ts';
import { freshTable } from './dynamo.ts';

export interface NotificationOutboxes {
  ses: Awaited<ReturnType<typeof startSesOutbox>>;
  sms: Awaited<ReturnType<typeof startSmsSink>>;
}

/**
 * For a test file of the notification use cases: a fresh table on DynamoDB Local and the local
 * SES and SMS outboxes, with the environment the adapters read pointed at them. The returned
 * object is filled before the file's tests run.
 */
export function useNotificationOutboxes(): NotificationOutboxes {
  const outboxes = {} as NotificationOutboxes;
  beforeAll(async () => {
    const { endpoint, tableName } = await freshTable();
    outboxes.ses = await startSesOutbox({});
    outboxes.sms = await startSmsSink({});
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: endpoint,
      SES_ENDPOINT: outboxes.ses.url,
      SMS_ENDPOINT: outboxes.sms.url,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SENDER_EMAIL: 'orders@example.com',
      TRACKING_SECRET: 'test-tracking-secret',
      PUBLIC_BASE_URL: 'http://localhost',
    });
  }, 60_000);
  afterAll(async () => {
    await outboxes.ses?.close();
    await outboxes.sms?.close();
  });
  return outboxes;
}
