/**
 * The product's own promise, measured on the local runtime (same ASL, same handlers, DynamoDB
 * Local): how long from an inquiry to the quote in the customer's inbox, and what one order's whole
 * life uses (state transitions, Lambda invocations, API requests, messages) for docs/cost.md.
 */
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ApiClient, waitFor } from '../../infra/local/api-client.ts';
import { startLocalRuntime } from '../../infra/local/runtime.ts';
import { mails, runOrderScenario, texts } from '../../infra/local/scenario.ts';
import { ms, percentile, type BenchTable } from './table.ts';

const QUOTES = 30;

export async function run(): Promise<BenchTable> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const runtime = await startLocalRuntime({ port: 0 });
  try {
    const api = new ApiClient(runtime);
    const latencies: number[] = [];
    for (let index = 0; index < QUOTES; index += 1) {
      const started = performance.now();
      const { body } = await api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
        customerId: 'acme',
        lines: [{ sku: 'VALVE-10', quantity: 1 + (index % 5) }],
      });
      await waitFor(
        'the quote email',
        async () =>
          (await mails(runtime)).some((mail) =>
            mail.subject.startsWith(`Your quote for order ${body.orderId}`),
          ),
        30_000,
      );
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);

    const report = await runOrderScenario(runtime, () => undefined, 1);
    const sfn = new SFNClient({
      endpoint: runtime.stepFunctionsEndpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: process.env.STATE_MACHINE_ARN, maxResults: 1000 }),
    );
    const execution = executions.find((candidate) => candidate.name === report.orderId);
    const { events = [] } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: execution?.executionArn, maxResults: 1000 }),
    );
    const transitions = events.filter((event) => event.type?.endsWith('StateEntered')).length;
    const tasks = events.filter((event) => event.type === 'TaskStateEntered').length;
    const orderMails = (await mails(runtime)).filter((mail) => mail.subject.includes(report.orderId)).length;
    const orderTexts = (await texts(runtime)).filter((sms) => sms.body.includes(report.orderId)).length;

    return {
      title: 'Order workflow on the local runtime (npm run bench -- order-lifecycle)',
      columns: ['measure', 'value'],
      rows: [
        [`inquiry -> quote email in the outbox, p50 (${QUOTES} quotes)`, ms(percentile(latencies, 50))],
        ['inquiry -> quote email, p95', ms(percentile(latencies, 95))],
        ['inquiry -> quote email, max', ms(latencies.at(-1) ?? Number.NaN)],
        ['one full order (sales confirmation, 6 ERP events, 1 delay): state transitions', transitions],
        ['  Lambda task invocations by the workflow', tasks],
        ['  history events in the execution', events.length],
        ['  API requests', report.steps.length],
        ['  emails sent (customer and sales)', orderMails],
        ['  SMS sent', orderTexts],
      ],
      notes: [
        'The quote latency includes the API, the workflow start, the ATP computation on DynamoDB Local and the SES call.',
      ],
    };
  } finally {
    await runtime.stop();
  }
}
