/**
 * The CDK app (cdk.json runs it with tsx). Settings come from context: see README "Deploying to AWS".
 */
import { App } from 'aws-cdk-lib';
import { buildPromiseKeeper } from './stacks/promise-keeper.ts';

const app = new App();
const { stateless } = buildPromiseKeeper(app);
if (stateless.missingEntries.length)
  console.warn(`Not deployed, handler module missing: ${stateless.missingEntries.join(', ')}`);
app.synth();
