import { createLambdaInvoker } from '../../infra/local/lambda-invoker.ts';
const invoker = createLambdaInvoker({ root: '/work/wt/strict', region: 'eu-west-1', available: () => ({ TABLE_NAME: 't', DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' }) });
for (const name of ['PublicApi', 'ErpApi', 'NotificationSweeper', 'PublicApi']) {
  const t = performance.now();
  const r = await invoker.invoke(name, name === 'PublicApi' ? { routeKey: 'GET /v1/openapi.json', rawPath: '/v1/openapi.json', headers: {}, requestContext: { http: { method: 'GET' } } } : {}).catch((e) => console.log(name, 'error', e.name, e.message));
  console.log(name, 'first', Math.round(performance.now() - t), 'ms', JSON.stringify(r)?.slice(0, 80));
}
await invoker.close();
