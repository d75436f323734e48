import { App, Validations, type AppProps } from 'aws-cdk-lib';
import nag from 'cdk-nag';
import { resolve } from 'node:path';
import { environmentConfig } from './config.ts';
import { SepakatStack } from './sepakat-stack.ts';

export interface SepakatApp {
  app: App;
  stack: SepakatStack;
  /** The AWS Solutions checks run on every synth; tests ask them directly. */
  checks: nag.AwsSolutionsChecks;
}

/** The CDK app for the environment named by the `env` context value (default dev). */
export function createSepakatApp(props: AppProps = {}): SepakatApp {
  const app = new App(props);
  const config = environmentConfig(String(app.node.tryGetContext('env') ?? 'dev'));
  const stack = new SepakatStack(app, `Sepakat-${config.envName}`, {
    config,
    consoleAssets: consoleAssetsOf(app),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.awsRegion },
    description: `Sepakat (${config.envName}): workflow for inter-regional smart-city cooperation agreements`,
  });
  // A finding that is not acknowledged with a reason
  // (Validations.of(construct).acknowledge({ id, reason })) fails the synth.
  const checks = new nag.AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(checks);
  return { app, stack, checks };
}

/**
 * The console's build: the `consoleAssets` context value, else SEPAKAT_CONSOLE_ASSETS (the
 * infra tests point it at a stand-in page, so they need no build), else web/dist, which
 * `npm run build:web` writes (`npm run synth` and `npm run deploy` run it first).
 */
function consoleAssetsOf(app: App): string {
  const given: unknown = app.node.tryGetContext('consoleAssets');
  if (typeof given === 'string' && given !== '') return resolve(given);
  return resolve(process.env.SEPAKAT_CONSOLE_ASSETS ?? 'web/dist');
}
