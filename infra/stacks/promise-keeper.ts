/**
 * The whole product as CDK stacks: used by infra/app.ts (`cdk synth`/`cdk deploy`) and by the
 * infrastructure tests, so both check the same tree.
 */
import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionDefinition } from '../../functions/handlers/registry.ts';
import { readSettings } from './settings.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface PromiseKeeperOptions {
  /** Run cdk-nag's AwsSolutions pack on synth (findings become errors). @default true */
  readonly nag?: boolean;
  /** Functions to build. @default every entry of functions/handlers/registry.ts */
  readonly functions?: Record<string, FunctionDefinition>;
}

export interface PromiseKeeper {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

export function buildPromiseKeeper(app: App, options: PromiseKeeperOptions = {}): PromiseKeeper {
  const settings = readSettings(app.node);
  // Environment-agnostic stacks: synth needs no account, credentials or lookups.
  const stateful = new StatefulStack(app, `PromiseKeeper-${settings.stage}-Stateful`, {
    settings,
    description: 'promise-keeper: table, ERP secret, sales users, email and SMS channels',
  });
  const stateless = new StatelessStack(app, `PromiseKeeper-${settings.stage}-Stateless`, {
    settings,
    stateful,
    description: 'promise-keeper: functions, order workflow, HTTP API, alarms',
    ...(options.functions ? { functions: options.functions } : {}),
  });
  Tags.of(app).add('project', 'promise-keeper');
  Tags.of(app).add('stage', settings.stage);
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { stateful, stateless };
}
