/**
 * Synthesizes the product's stacks once per test file, offline: context from cdk.json, no account,
 * no credentials, bundles built by the local esbuild. cdk-nag runs separately (validateScope) so a
 * finding shows up in an assertion instead of aborting the synth.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { PROJECT_ROOT } from '../../infra/constructs/product-function.ts';
import { buildPromiseKeeper, type PromiseKeeper } from '../../infra/stacks/promise-keeper.ts';

export interface Synthesized extends PromiseKeeper {
  readonly app: App;
  readonly assembly: CloudAssembly;
  readonly stateful: PromiseKeeper['stateful'];
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
  readonly seconds: number;
}

export function cdkContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

let cached: Synthesized | undefined;

export function synthesize(): Synthesized {
  if (cached) return cached;
  const started = performance.now();
  const app = new App({
    context: cdkContext(),
    outdir: mkdtempSync(path.join(tmpdir(), 'promise-keeper-cdk-')),
  });
  const built = buildPromiseKeeper(app, { nag: false });
  const assembly = app.synth();
  cached = {
    ...built,
    app,
    assembly,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
    seconds: (performance.now() - started) / 1000,
  };
  return cached;
}
