import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendEmail, SendFailure } from '../../../functions/adapters/ses/email-sender.ts';
import { sendSms } from '../../../functions/adapters/sms/sms-sender.ts';
import { failTask, resumeTask, startOrderWorkflow } from '../../../functions/adapters/sfn/workflow.ts';

/** Error paths of the adapters, which the real local services cannot be made to produce on demand. */
const ses = mockClient(SESClient);
const sms = mockClient(PinpointSMSVoiceV2Client);
const sfn = mockClient(SFNClient);
const awsError = (name: string) => Object.assign(new Error(name), { name, $metadata: {} });

beforeAll(() => {
  Object.assign(process.env, {
    SENDER_EMAIL: 'orders@example.com',
    STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:1:stateMachine:x',
    AWS_REGION: 'eu-west-1',
  });
});
afterEach(() => {
  ses.reset();
  sms.reset();
  sfn.reset();
});

const email = { to: 'a@example.com', subject: 's', text: 't', html: '<p>t</p>' };

describe('email and SMS adapters classify failures', () => {
  it('treats a rejected email as permanent, so it falls back instead of retrying', async () => {
    ses.on(SendRawEmailCommand).rejects(awsError('MessageRejected'));
    await expect(sendEmail(email)).rejects.toMatchObject({ name: 'SendFailure', permanent: true });
  });

  it('treats throttling as transient, so it is retried', async () => {
    ses.on(SendRawEmailCommand).rejects(awsError('Throttling'));
    const failure = await sendEmail(email).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SendFailure);
    expect((failure as SendFailure).permanent).toBe(false);
  });

  it('treats an invalid SMS destination as permanent', async () => {
    sms.on(SendTextMessageCommand).rejects(awsError('ValidationException'));
    await expect(sendSms('+15555550100', 'hi')).rejects.toMatchObject({ permanent: true });
  });
});

describe('Step Functions adapter', () => {
  it('reports a wait that has already ended as gone, not as an error', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(awsError('TaskTimedOut'));
    sfn.on(SendTaskFailureCommand).rejects(awsError('TaskDoesNotExist'));
    expect(await resumeTask('token', {})).toBe('gone');
    expect(await failTask('token', 'OrderCancelled', 'x')).toBe('gone');
  });

  it('treats an execution that already exists as started, and passes other errors on', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejectsOnce(awsError('ExecutionAlreadyExists'))
      .rejectsOnce(awsError('ServiceUnavailable'));
    expect(await startOrderWorkflow('ord_1', {})).toEqual({ alreadyStarted: true });
    await expect(startOrderWorkflow('ord_1', {})).rejects.toMatchObject({ name: 'ServiceUnavailable' });
  });
});
